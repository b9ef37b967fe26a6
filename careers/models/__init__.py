"""The careers catalogue.

Shared vocabularies (clusters, skills, degrees, tools, industries, exams) are tables of their own
so that comparisons, the finder and reverse pages work by identity. Everything that belongs to one
career is an ordered row pointing at it; ``order`` is unique per career.
"""

from .career import *  # noqa: F403
from .rows import *  # noqa: F403
from .vocabulary import *  # noqa: F403
