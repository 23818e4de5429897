"""A private Postfix on loopback, a mail sink and a milter process, for tests and ``bench/mail.py``."""
