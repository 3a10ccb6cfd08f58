"""Runs a submitted workflow with miniwdl's own runtime (a real WDL interpreter: scatters, several
calls, declarations, the standard library), each task's command on this host instead of in its
container, since no container runtime runs here.

Usage: python wdl_run.py DIR RUN_DIR HOST_IMAGES
DIR holds main.wdl, its dependencies and inputs.json (File inputs already local paths). RUN_DIR is
where miniwdl works. HOST_IMAGES is a comma-separated list of image names (without tags) whose
tasks may run on the host: plain base images whose commands use only what this host has too. A
task of any other image is not run: the job fails saying "this task needs container X".

Prints one JSON object: {"outputs": {fully qualified name: value}, "files": [host paths of the File
outputs]} or {"error": message, "needs_container": image or null}.
"""
import json
import logging
import os
import subprocess
import sys

import WDL
import WDL.runtime
from WDL.runtime import task_container

from wdl_common import load, original_name, read_name

HOST_IMAGES = []


class HostContainer(task_container.TaskContainer):
    """A miniwdl task 'container' that is the host: the command runs with /bin/bash in the task's
    working folder; container paths are host paths."""

    @classmethod
    def global_init(cls, cfg, logger):
        pass

    @classmethod
    def detect_resource_limits(cls, cfg, logger):
        return {"cpu": os.cpu_count() or 1, "mem_bytes": 1 << 34}

    def __init__(self, cfg, run_id, host_dir):
        super().__init__(cfg, run_id, host_dir)
        # the command sees the files where they are on the host
        self.container_dir = host_dir

    def _run(self, logger, terminating, command):
        image = self.runtime_values.get("docker", "")
        name = image.split("@")[0]
        last = name.rsplit("/", 1)[-1]
        if ":" in last:
            name = name[: len(name) - len(last) + last.index(":")]
        short = name.split("/")[-1]
        if name not in HOST_IMAGES and short not in HOST_IMAGES:
            raise NeedsContainer(image)
        with open(os.path.join(self.host_dir, "command"), "w") as f:
            for k, v in self.runtime_values.get("env", {}).items():
                f.write("export %s=%s\n" % (k, json.dumps(v)))
            f.write(command)
        with open(self.host_stdout_txt(), "wb") as out, open(self.host_stderr_txt(), "wb") as err:
            p = subprocess.Popen(
                ["/bin/bash", os.path.join(self.host_dir, "command")],
                cwd=self.host_work_dir(), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                start_new_session=True)
            with self.task_running_context():
                while True:
                    try:
                        return p.wait(timeout=1)
                    except subprocess.TimeoutExpired:
                        if terminating():
                            p.kill()
                            p.wait()
                            return -9


class NeedsContainer(Exception):
    def __init__(self, image):
        super().__init__(image)
        self.image = image


def cause_chain(e):
    seen = []
    while e is not None and e not in seen:
        seen.append(e)
        e = e.__cause__ or e.__context__
    return seen


def main(folder, run_dir, host_images):
    HOST_IMAGES.extend(x.strip() for x in host_images.split(",") if x.strip())
    doc, renames = load(folder)
    wf = doc.workflow
    with open(os.path.join(folder, "inputs.json")) as f:
        given = json.load(f)
    # the names miniwdl reads (a keyword-named declaration was renamed to parse)
    prefix = wf.name + "."
    given = {read_name(renames, k[len(prefix):] if k.startswith(prefix) else k): v
             for k, v in given.items()}
    inputs = WDL.values_from_json(given, wf.available_inputs, wf.required_inputs)
    task_container._backends.clear()
    task_container._backends["host"] = HostContainer
    logger = logging.getLogger("wdl_run")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    cfg = WDL.runtime.config.Loader(logger, filenames=[])
    cfg.override({
        "scheduler": {"container_backend": "host", "call_concurrency": 1},
        "file_io": {"output_hardlinks": False, "copy_input_files": True},
        "call_cache": {"get": False, "put": False},
        "task_runtime": {"command_preamble": ""},
    })
    try:
        _, outputs = WDL.runtime.run(cfg, wf, inputs, run_dir=run_dir)
    except Exception as e:  # noqa: the job's failure, reported as Cromwell would
        for x in cause_chain(e):
            if isinstance(x, NeedsContainer):
                return {"error": "this task needs container %s, which the simulator cannot run"
                        " (it runs on the host only tasks of the images %s)"
                        % (x.image, ", ".join(HOST_IMAGES)), "needs_container": x.image}
        messages = []
        call = None
        for x in cause_chain(e):
            if isinstance(x, WDL.runtime.error.RunFailed) and isinstance(x.exe, WDL.Tree.Task):
                run_id = getattr(x, "run_id", "") or ""
                call = run_id[5:] if run_id.startswith("call-") else x.exe.name
        for x in cause_chain(e):
            if isinstance(x, WDL.runtime.error.CommandFailed):
                stderr = ""
                try:
                    with open(x.stderr_file) as f:
                        stderr = f.read()[-2000:].strip()
                except (OSError, AttributeError, TypeError):
                    pass
                # Cromwell's words for a command that failed
                return {"error": "Job %s.%s:NA:1 exited with return code %s which has not been"
                        " declared as a valid return code. See 'continueOnReturnCode' runtime"
                        " attribute for more details.%s" % (
                            wf.name, call or "?", x.exit_status,
                            (" stderr: " + stderr) if stderr else ""),
                        "needs_container": None}
        for x in cause_chain(e):
            text = str(x).strip()
            if text and text not in messages:
                messages.append(text)
        return {"error": "; ".join(messages) or type(e).__name__, "needs_container": None}
    files = []

    def collect(v):
        if isinstance(v, WDL.Value.File):
            files.append(v.value)
        for c in getattr(v, "children", []) or []:
            collect(c)

    out = {}
    for b in outputs:
        collect(b.value)
        out[wf.name + "." + original_name(renames, b.name)] = b.value.json
    return {"outputs": out, "files": files}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], sys.argv[3])))
