"""kg: a knowledge-graph loader for news.

Importing ``kg`` loads nothing heavy: the spaCy pipeline, the store and the
gazetteers are loaded on first use.

>>> import kg
>>> kg.__version__
'0.1.0'
"""

__version__ = "0.1.0"
