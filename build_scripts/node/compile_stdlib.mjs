// Precompile Pyodide's standard library with Pyodide's own interpreter (called by
// build_scripts/stdlib_bytecode.py; see there for the why).
//
//   node compile_stdlib.mjs --pyodide <node_modules/pyodide> --wheel <engine wheel>
//        --answers <answer sets.json> --out <zip> [--full] [--deflate]
//
// 1. Boots the engine exactly as the browser worker does (boot.mjs) on the package's own
//    python_stdlib.zip, then calls describe() and interview() on every answer set and makes a
//    Word record once, so every module that Pyodide's start-up, the engine's import and its
//    calls need is loaded.
// 2. Snapshots sys.modules: the modules that came from the standard library zip (frozen and
//    built-in modules need no file).
// 3. Compiles the needed .py files (all of them with --full) from that same zip, in this
//    interpreter, into unchecked hash-based .pyc files (PEP 552), and writes a zip with sorted
//    entries and fixed timestamps, so the same inputs give the same bytes.
// Prints a JSON report on stdout: {files, bytes, modules, magic, timings}.

import { writeFileSync } from "node:fs";
import path from "node:path";
import { bootEngine, parseArgs, readAnswerSets, round } from "./boot.mjs";

const COMPILE = String.raw`
import importlib.util
import marshal
import sys
import zipfile

def stdlib_entries(trim, loaded):
    """Entry name -> bytes for the output zip (names are paths inside the zip)."""
    archive = sys._stdlib_dir                 # "/lib/python314.zip": the zip Pyodide booted on
    source = zipfile.ZipFile(archive)
    names = source.namelist()
    if trim:
        wanted = set()
        for origin in loaded:
            wanted.add(origin)
        # Keep each kept package's folder entry and its data files (not its other modules
        # or subpackages): a module may read files next to it.
        folders = {name.rsplit("/", 1)[0] + "/" for name in wanted if name.endswith("/__init__.py")}
        for name in names:
            folder = name.rsplit("/", 1)[0] + "/" if "/" in name.rstrip("/") else ""
            if name in folders:
                wanted.add(name)
            elif folder in folders and not name.endswith(("/", ".py")):
                wanted.add(name)
    else:
        wanted = set(names)
    missing = sorted(wanted - set(names))
    if missing:
        raise RuntimeError(f"not in the standard library zip: {missing}")
    entries = {}
    for name in sorted(wanted):
        data = source.read(name)
        if name.endswith(".py"):
            code = compile(data, f"{archive}/{name}", "exec", dont_inherit=True, optimize=0)
            # PEP 552 header: magic, flags=1 (hash-based, check_source=0: never re-checked
            # against a source, as there is none in the zip), source hash, then the code.
            header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little") + importlib.util.source_hash(data)
            entries[name[:-3] + ".pyc"] = header + marshal.dumps(code)
        else:
            entries[name] = data
    return entries

def write_zip(entries, out, deflate):
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(out, "w") as target:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = (0o40755 << 16 | 0x10) if name.endswith("/") else 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else method
            target.writestr(info, entries[name], compresslevel=9 if deflate else None)
    return importlib.util.MAGIC_NUMBER.hex()
`;

const LOADED = String.raw`
import sys
_prefix = sys._stdlib_dir + "/"
sorted(
    (name, module.__spec__.origin[len(_prefix):])
    for name, module in list(sys.modules.items())
    if getattr(module, "__spec__", None) is not None
    and isinstance(module.__spec__.origin, str)
    and module.__spec__.origin.startswith(_prefix)
)
`;

const args = parseArgs(process.argv.slice(2), ["full", "deflate"]);
for (const name of ["pyodide", "wheel", "answers", "out"]) {
  if (!args[name]) throw new Error(`missing --${name}`);
}
const answerSets = readAnswerSets(args.answers);
const { pyodide, api, timings } = await bootEngine({ pyodideDir: args.pyodide, wheel: args.wheel });

const t0 = performance.now();
JSON.parse(api.describe());
for (const text of answerSets) JSON.parse(api.interview(text));
// The Word record (assessor/wordfile.py) imports zipfile on first use: load it here too.
JSON.parse(api.word_document(JSON.stringify({ title: "t", blocks: [{ kind: "paragraph", text: "t" }, { kind: "row", cells: ["a", "b"] }] })));
timings.exercise_ms = round(performance.now() - t0);

// Before anything else runs in this interpreter: the compile step imports modules of its own.
const loaded = pyodide.runPython(LOADED).toJs();
const t1 = performance.now();
pyodide.runPython(COMPILE);
const scratch = "/tmp/stdlib-out.zip";
const entries = pyodide.globals.get("stdlib_entries")(!args.full, loaded.map(([, origin]) => origin));
const magic = pyodide.globals.get("write_zip")(entries, scratch, Boolean(args.deflate));
const bytes = pyodide.FS.readFile(scratch);
writeFileSync(args.out, bytes);
timings.compile_ms = round(performance.now() - t1);

const names = pyodide.runPython("import zipfile; zipfile.ZipFile('/tmp/stdlib-out.zip').namelist()").toJs();
process.stdout.write(JSON.stringify({
  files: names.filter((name) => !name.endsWith("/")).length,
  bytes: bytes.length,
  modules: loaded.map(([name]) => name).sort(),
  magic,
  timings,
}) + "\n");
