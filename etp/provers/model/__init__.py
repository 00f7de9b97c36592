"""Model provers: DeepSeek-Prover-V1.5/V2, Goedel-Prover-V2 and Kimina-Prover (or any causal
language model) through Hugging Face transformers, optionally vLLM.

- `formats`: the published prompt formats (sources named beside each);
- `extraction`: the proof body of an output, placed after the original statement;
- `feedback`: Lean's errors formatted for self-correction (Goedel-Prover-V2, Kimina-Prover);
- `sampling`: batched generation, seeds, per-sample costs; `loading`: models, devices, errors;
- `prover`: ModelProver, registered as the prover "model" (options: etp.config.ModelOptions).

torch and transformers are imported only when a model is loaded (the `models` extra).
"""

from etp.provers.model.loading import ModelSetupError
from etp.provers.model.prover import ModelProver

__all__ = ["ModelProver", "ModelSetupError"]
