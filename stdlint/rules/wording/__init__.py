"""How a vagueness finding is worded: where its quote ends and which example fits the sentence.

- ``phrases.py``: the end of the phrase a quoted word belongs to ("the appropriate name and
  contact details", not "the appropriate");
- ``topics.py``: what a step is about (a greeting, a call, a letter …) and the action to offer;
- ``counts.py``: a bound that fits what is counted (pieces, people, minutes);
- ``data.py``: the examples and word lists of ``text/lexicons/examples.yml``.
"""
