"""The attribution rules, one module per rule of ``lexicons/rules.tsv``, named for it.

``extractors/sieve.py`` maps each rule name to its function and runs them in the table's order.
"""
