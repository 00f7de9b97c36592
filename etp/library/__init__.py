"""What the imported Lean library defines, for provers: an index read from its sources, and
premise selection over it.

- `source`: one Lean source file read as declarations (comments blanked as Lean reads them,
  namespaces followed), and the names a Lean text mentions or binds;
- `index`: `LibraryIndex`, the declarations a header's imports make visible;
- `premises`: `Relevant`, the definitions and lemmas offered to one goal, ranked;
- `instances`: library lemmas applied to the goal's own terms and variables.
"""

from etp.library.index import SOURCE_ROOT, LibraryIndex
from etp.library.premises import Relevant, select_premises
from etp.library.source import Decl, bound_names, identifiers, parse_module

__all__ = ["SOURCE_ROOT", "Decl", "LibraryIndex", "Relevant", "bound_names", "identifiers", "parse_module",
           "select_premises"]
