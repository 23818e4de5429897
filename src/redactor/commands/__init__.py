"""One module per ``redactor`` subcommand, each exporting ``command``."""
