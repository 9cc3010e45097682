"""The commands that write files for managers: ``init``, ``new``, ``fix`` and ``verify``.

Each lives in its own module as a plain function returning an exit code; ``stdlint.cli`` only
turns options into calls. Every write is atomic (:func:`stdlint.files.write_atomic`), front
matter is edited in place (:mod:`stdlint.authoring.matter`), and a second run changes nothing.
"""
