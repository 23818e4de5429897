"""FOIA release: plan redactions, apply them to PDFs, sanitize, verify and log (Vaughn index).

Flow for one document (see ``release.py``)::

    extract (OCR for scanned pages) -> detect -> plan (exemptions.yaml decides) -> apply (pdf.py)
    -> sanitize (sanitize.py) -> save in full -> verify (verify.py) -> os.replace into OUT + logs

The plan (``plan.py``) is the hand-off point: anything that produces findings and a decision per
finding (the policy engine, an officer editing plan.json) feeds ``apply`` the same way.
"""
