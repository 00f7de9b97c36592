import Lake
open Lake DSL

/-! Lake package for native users: `lake build` builds the EconLean library from `lean/`. -/

package etp where
  leanOptions := #[⟨`autoImplicit, false⟩]

@[default_target]
lean_lib EconLean where
  srcDir := "lean"
