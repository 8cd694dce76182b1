"""Runs the linter once in a given environment and measures it: exit code, CPU time, peak memory.

The environment is a spec: the command, the folder to run in, and what standard input, output
and error are (a file, `closed`, a pipe fed by a writer, or for standard output a reader that
takes one line and closes the pipe, as `| head -1` does).
"""
import json
import subprocess
import sys

# Runs from a fresh, small interpreter: a child's peak memory (ru_maxrss) counts what it inherited
# before exec, so forking from the suite, which has just held hundreds of megabytes of input, would
# inflate it.
MEASURE = r"""
import json, os, sys, time
spec = json.loads(sys.argv[1])

def feeder(source, count):
    # A writer process: `count` bytes of `source` (all of it when None) into a pipe.
    read_end, write_end = os.pipe()
    if os.fork() == 0:
        os.close(read_end)
        left = count
        with open(source, "rb") as handle:
            while left is None or left > 0:
                chunk = handle.read(1 << 20 if left is None else min(1 << 20, left))
                if not chunk:
                    break
                try:
                    os.write(write_end, chunk)
                except BrokenPipeError:
                    break
                left = None if left is None else left - len(chunk)
        os._exit(0)
    os.close(write_end)
    return read_end

def opened(fd, what):
    if isinstance(what, dict):
        return feeder(what["pipe_from"], what.get("count"))
    if fd == 0:
        return os.open(what, os.O_RDONLY)
    return os.open(what, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)

streams = {}
head = None
for fd, what in ((0, spec["stdin"]), (1, spec["stdout"]), (2, spec["stderr"])):
    if what == "head":
        head, streams[fd] = os.pipe()
    elif what != "closed":
        streams[fd] = opened(fd, what)
started = time.monotonic()
pid = os.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    for fd in (0, 1, 2):
        if fd in streams:
            os.dup2(streams[fd], fd)
        else:
            os.close(fd)
    # Nothing else stays open: a reader of its own output would keep `head`'s pipe from closing.
    os.closerange(3, 256)
    os.execv(spec["argv"][0], spec["argv"])
for descriptor in streams.values():
    os.close(descriptor)
if head is not None:
    with os.fdopen(head, "rb") as pipe:
        pipe.readline()
# A run past the wall-clock limit has hung (or the machine is swamped): it is killed and reported.
hung = False
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if not hung and time.monotonic() - started > spec["wall_limit"]:
        os.kill(pid, 9)
        hung = True
    time.sleep(0.02)
print(json.dumps({"code": os.waitstatus_to_exitcode(status), "seconds": usage.ru_utime + usage.ru_stime,
                  "hung": hung, "megabytes": usage.ru_maxrss / 1024}))
"""


def measure(argv, cwd, budget, stdin="/dev/null", stdout="/dev/null", stderr="/dev/null"):
    """Exit code (negative: the signal that ended it), CPU seconds and peak memory in MB.

    Time is the child's CPU time (user and system), which other work on a shared machine does not
    inflate; a run still going after six times its budget in wall-clock time is killed as hung,
    and then its CPU seconds are reported as infinite."""
    spec = {"argv": argv, "cwd": cwd, "stdin": stdin, "stdout": stdout, "stderr": stderr, "wall_limit": 6 * budget}
    measured = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(spec)], capture_output=True, text=True, check=True)
    result = json.loads(measured.stdout)
    return result["code"], float("inf") if result["hung"] else result["seconds"], result["megabytes"]
