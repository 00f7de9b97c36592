"""The DAG's records: a goal (a statement, parsed once, and what is known about it) and a
decomposition (how one goal was split, and how far its children's proofs have come)."""

from __future__ import annotations

from dataclasses import dataclass, field

from etp.core import DecompositionStatus, GoalStatus, Header, Signature
from etp.dag.decompose import Plan
from etp.goals import GoalParseError, parse_signature, signature_features


@dataclass
class GoalNode:
    """One goal. Its statement is fixed: it is parsed once, here, and the parsed signature and
    shape features are carried with the node (`name`, `features` never parse again)."""

    key: str
    statement: str
    header: Header
    theorem_id: str
    depth: int
    status: GoalStatus = "open"
    proof: str | None = None
    proved_by: str = ""  # "prover:label", or "decomposition:<label>"
    statement_ok: bool | None = None  # did the statement elaborate (sorry probe)?
    attempted: bool = False  # candidates sent
    exhausted: bool = False  # candidates all back, none proved
    options: list[Plan] = field(default_factory=list)  # decompositions not yet tried
    reason: str = ""
    signature: Signature | None = field(default=None, init=False, repr=False)  # None: does not parse
    features: frozenset[str] = field(default=frozenset(), init=False, repr=False)
    _parse_error: str = field(default="", init=False, repr=False)

    def __post_init__(self) -> None:
        try:
            self.signature = parse_signature(self.statement)
        except GoalParseError as exc:
            self._parse_error = str(exc)
        self.features = signature_features(self.signature) if self.signature else frozenset({"head:?"})

    @property
    def name(self) -> str:
        """The declaration name of the statement (GoalParseError when it does not parse)."""
        if self.signature is None:
            raise GoalParseError(self._parse_error)
        return self.signature.name


@dataclass
class Decomposition:
    id: str
    parent: str
    plan: Plan
    children: list[str]
    status: DecompositionStatus = "pending"
    assembled: str | None = None

    @property
    def live(self) -> bool:
        return self.status in ("pending", "ready", "checking")
