#!/usr/bin/env python3
"""batch-slurm: README.md's Slurm recipe runs as a real job array on a
one-node cluster this test starts (munged, slurmctld and slurmd of its own,
every file under its work dir, on free ports).  `sbatch --wait` of the
recipe's script, with the array and CPUs set on the command line, exits 0;
each array task completes with exit code 0 and writes its output file and
its shard's report; each PDF is in exactly one report; and together the
tasks write the unsharded `-j 2` run's files byte for byte, into the one
folder they share.  The daemons are stopped by their pids whatever happens,
and no process of the cluster is left.  Skipped (77) when Slurm or munge is
missing, the user is not root, or the cluster cannot start, except under
CI=true, where each of those fails (./setup.sh --test installs Slurm and
munge)."""
import json
import re
import shlex
import signal
import socket
import time
from batchlib import *

TASKS = 3
START_S = 60        # munged up and the node idle
JOB_S = 240         # the whole job array, from submission
STOP_S = 15         # a daemon's exit after SIGTERM, or the queue's after scancel


def unavailable(why):
    """Slurm cannot run here: skip, but fail in CI, where setup.sh --test
    installed it and a skip would hide that the recipe went untested."""
    if os.environ.get("CI", "").lower() in ("true", "1"):
        print(f"FAIL: {why} (CI=true: batch-slurm must run in CI, not skip; ./setup.sh --test installs Slurm and munge)")
        sys.exit(1)
    print(f"skip: {why}")
    sys.exit(77)


def program(name):
    # The daemons live in sbin, which a non-login PATH may lack.
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def free_port():
    # Port 0 makes the kernel pick a free port; another instance of this
    # test (the gcc and the ASan build, another checkout) gets another one.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, n=25):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError as e:
        return f"({e})\n"


# Run by a watchdog in a session of its own: when the test is gone (its end
# of the pipe on stdin closes, also when it was SIGKILLed, as meson's
# timeout does 0.5 s after TERM to the test's group) it kills whatever still
# carries this cluster's SLURM_CONF.  slurmstepd leaves the group, so
# without this a task could outlive a killed test.
WATCHDOG = r"""
import os, signal, sys
sys.stdin.buffer.read()
mark = b"SLURM_CONF=" + sys.argv[1].encode()
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            if mark in f.read().split(b"\0"):
                os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
"""


class Cluster:
    """munged, slurmctld and slurmd in the foreground, as children of this
    test: their pids are known without trusting a name or a pid file, and
    they stay in the test's process group, so meson's timeout (which
    signals the group) ends them too; the watchdog ends the rest."""

    def __init__(self, d):
        self.d = d
        self.conf = os.path.join(d, "slurm.conf")
        self.daemons = []           # (name, Popen, pid file or None)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLURM_", "SBATCH_", "SALLOC_", "SRUN_"))}
        env["SLURM_CONF"] = self.conf    # every Slurm command and daemon reads this cluster's file
        self.env = env
        self.watchdog = subprocess.Popen([sys.executable, "-c", WATCHDOG, self.conf], stdin=subprocess.PIPE,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                         start_new_session=True)

    def start(self, name, argv, pidfile=None):
        log = open(os.path.join(self.d, name + ".out"), "wb")
        p = subprocess.Popen(argv, env=self.env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.daemons.append((name, p, pidfile))
        return p

    def dead(self):
        return [f"{n} exited {p.returncode}" for n, p, _ in self.daemons if p.poll() is not None]

    def slurm(self, *argv, timeout=30):
        return subprocess.run(list(argv), env=self.env, capture_output=True, text=True, timeout=timeout)

    def ours(self):
        """Pids of processes (daemons, slurmstepd, job steps) with this
        cluster's SLURM_CONF in their environment, this test excepted."""
        mark = f"SLURM_CONF={self.conf}".encode()
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            if int(pid) == os.getpid():
                continue
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    if mark in f.read().split(b"\0"):
                        found.append(int(pid))
            except OSError:
                pass
        return found

    def stop(self):
        # Cancel what is still queued or running first, so slurmd is not
        # gone while a slurmstepd still runs a task.
        if any(n == "slurmctld" and p.poll() is None for n, p, _ in self.daemons):
            try:
                jobs = self.slurm("squeue", "-h", "-o", "%A", timeout=10).stdout.split()
                if jobs:
                    self.slurm("scancel", *sorted(set(jobs)), timeout=10)
                    end = time.monotonic() + STOP_S
                    while time.monotonic() < end and self.slurm("squeue", "-h", timeout=10).stdout.strip():
                        time.sleep(0.25)
            except subprocess.TimeoutExpired:
                pass
        # Then slurmd, slurmctld, munged: the reverse of their start.
        for name, p, pidfile in reversed(self.daemons):
            pids = {p.pid}
            # The daemon's own pid file names it too; a pid there that is not
            # the child is signalled only when it is of this cluster.
            try:
                with open(pidfile) as f:
                    other = int(f.read().split()[0])
                if other != p.pid and other in self.ours():
                    pids.add(other)
            except (TypeError, OSError, ValueError, IndexError):
                pass
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            try:
                p.wait(timeout=STOP_S)
            except subprocess.TimeoutExpired:
                print(f"{name} did not end {STOP_S} s after SIGTERM: SIGKILL")
                p.kill()
                p.wait()
        # Anything else of this cluster's (a slurmstepd, a task) is given a
        # moment to end by itself (a slurmstepd outlives its task's record
        # briefly), then killed and reported: nothing may outlive the test.
        end = time.monotonic() + 5
        while (left := self.ours()) and time.monotonic() < end:
            time.sleep(0.1)
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.watchdog.stdin.close()     # its sweep finds nothing now; it exits
        self.watchdog.wait()
        return left

    def tails(self):
        # A daemon's stdout repeats its log file; it alone has what went
        # wrong before the log file was open (a bad slurm.conf).
        for name in ("munged", "slurmctld", "slurmd"):
            path = os.path.join(self.d, name + ".log")
            if not os.path.exists(path) or not os.path.getsize(path):
                path = os.path.join(self.d, name + ".out")
            if os.path.exists(path):
                print(f"--- tail of {path}\n{tail(path)}", end="")


def boot(c):
    """Start munged, slurmctld and slurmd; wait until the node is idle."""
    d = c.d
    host = socket.gethostname().split(".")[0]
    # munged with its own key and socket: no system munged is needed, none is
    # used, and none is stopped (another user of /run/munge is not disturbed).
    # munged wants its socket's folder searchable by all (clients of every
    # user connect); the key stays readable by root alone.
    mdir = os.path.join(d, "munge")
    os.makedirs(mdir)
    os.chmod(mdir, 0o711)
    key = os.path.join(mdir, "munge.key")
    with open(os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
        f.write(os.urandom(1024))
    msock = os.path.join(mdir, "munge.socket")
    for sub in ("spool", "state"):
        os.makedirs(os.path.join(d, sub), mode=0o700)
    ctld_port, d_port = free_port(), free_port()
    while d_port == ctld_port:
        d_port = free_port()
    conf = {
        "ClusterName": "briefingtest",
        # 127.0.0.1: no dependence on how the host name resolves.
        "SlurmctldHost": f"{host}(127.0.0.1)",
        "SlurmctldPort": ctld_port,
        "SlurmdPort": d_port,
        "AuthType": "auth/munge",
        "CredType": "cred/munge",
        "AuthInfo": f"socket={msock}",
        # No cgroups in a container: processes tracked by parent pid, no
        # binding of tasks to CPUs.
        "ProctrackType": "proctrack/linuxproc",
        "TaskPlugin": "task/none",
        "SchedulerType": "sched/builtin",
        "SelectType": "select/cons_tres",
        "SelectTypeParameters": "CR_Core",
        "ReturnToService": 2,
        "SlurmUser": "root",
        "SlurmdUser": "root",
        "MpiDefault": "none",
        # No job sends mail; without a mail program slurmctld logs an
        # error for the default (/bin/mail), which minimal images lack.
        "MailProg": "/bin/true",
        "SlurmctldPidFile": os.path.join(d, "slurmctld.pid"),
        "SlurmdPidFile": os.path.join(d, "slurmd.pid"),
        "SlurmdSpoolDir": os.path.join(d, "spool"),
        "StateSaveLocation": os.path.join(d, "state"),
        "SlurmctldLogFile": os.path.join(d, "slurmctld.log"),
        "SlurmdLogFile": os.path.join(d, "slurmd.log"),
    }
    # The node has as many CPUs as slurmd finds (a node configured with more
    # would be drained as invalid).
    cpus = re.search(r"\bCPUs=(\d+)", c.slurm(program("slurmd"), "-C").stdout or "")
    with open(c.conf, "w") as f:
        for k, v in conf.items():
            f.write(f"{k}={v}\n")
        f.write(f"NodeName={host} NodeAddr=127.0.0.1 CPUs={cpus.group(1) if cpus else 1} State=UNKNOWN\n")
        f.write(f"PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP\n")

    end = time.monotonic() + START_S
    c.start("munged", [program("munged"), "--foreground", f"--socket={msock}", f"--key-file={key}",
                       f"--pid-file={os.path.join(mdir, 'munged.pid')}", f"--seed-file={os.path.join(mdir, 'munged.seed')}"],
            os.path.join(mdir, "munged.pid"))
    while subprocess.run(["munge", "-S", msock, "-n"], capture_output=True, timeout=10).returncode != 0:
        if c.dead() or time.monotonic() > end:
            unavailable(f"munged did not start ({', '.join(c.dead()) or f'{START_S} s'})")
        time.sleep(0.1)
    # -D: in the foreground (see Cluster); -i: no state of an earlier run.
    c.start("slurmctld", [program("slurmctld"), "-D", "-i"], conf["SlurmctldPidFile"])
    c.start("slurmd", [program("slurmd"), "-D", "-N", host], conf["SlurmdPidFile"])
    state = ""
    while state != "idle":
        if c.dead() or time.monotonic() > end:
            unavailable(f"the node is not idle ({', '.join(c.dead()) or f'{START_S} s, state {state!r}'})")
        time.sleep(0.25)
        r = c.slurm("sinfo", "-h", "-N", "-o", "%T")
        state = r.stdout.strip() if r.returncode == 0 else ""
    print(f"ok: one-node cluster up in {START_S - (end - time.monotonic()):.1f} s "
          f"(slurmctld :{ctld_port}, slurmd :{d_port}, {cpus.group(1) if cpus else 1} CPUs)", flush=True)


def recipe_script(sets, out):
    """README.md's Slurm job script with this test's set and output folder
    in place of the recipe's; nothing else of it changes."""
    with open(os.path.join(SRCDIR, "README.md")) as f:
        readme = f.read()
    script = next((b for b in re.findall(r"```sh\n(.*?)```", readme, re.S) if "#SBATCH" in b), None)
    if not check(script is not None, "README.md has a Slurm job script"):
        return None
    flat = script.replace("\\\n", " ")
    m_sets = re.search(r"briefing render (\S+)", flat)
    m_out = re.search(r" -o (\S+/)", flat)
    if not check(m_sets and m_out, "the recipe names its sets and an output folder (-o DIR/)"):
        return None
    script = script.replace(f"briefing render {m_sets.group(1)}", f"briefing render {shlex.quote(sets)}", 1)
    return script.replace(m_out.group(1), out + "/")


w = workdir("slurm")
for name in ("munged", "munge", "slurmctld", "slurmd", "sbatch", "sinfo", "squeue", "scontrol", "scancel"):
    if not program(name):
        unavailable(f"{name} is not installed (packages slurmctld slurmd slurm-client munge)")
if os.geteuid() != 0:
    unavailable("not root: slurmd must be root to start jobs")

# The reference: one unsharded run, two jobs at once.
rc, err = render([S31, "-l", "profile", "--focus", "all", "-o", f"{w}/all", "-j", "2", "-q"])
check(rc == 0, f"unsharded -j 2 run exits 0 ({rc}: {err[-200:]})")
full = tree(f"{w}/all")

# Unix socket paths (munged's, slurmd's per step in its spool) must fit in
# 108 bytes: a deep build dir gets the cluster in a short temporary folder.
cdir = os.path.join(w, "cluster")
if len(cdir) > 60:
    import tempfile
    cdir = tempfile.mkdtemp(prefix="briefing-slurm-")
else:
    os.makedirs(cdir)
cluster = Cluster(cdir)
# meson's timeout and ^C end the test with TERM or INT: as exceptions, they
# go through the finally below, which stops the daemons.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
signal.signal(signal.SIGINT, lambda *_: sys.exit(128 + signal.SIGINT))
try:
    boot(cluster)
    out = os.path.join(w, "out")        # not created here: the tasks create it, at once
    script = recipe_script(S31, out)
    if script is not None:
        with open(os.path.join(w, "render.sh"), "w") as f:
            f.write(script)
        # The recipe runs `briefing` from PATH; this one is the build's.
        bindir = os.path.join(w, "bin")
        os.makedirs(bindir)
        os.symlink(BRIEFING, os.path.join(bindir, "briefing"))
        env = dict(cluster.env, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
        # --array and --cpus-per-task on the command line override the
        # script's #SBATCH lines: three tasks, two at once on a two-CPU node
        # (and still runnable on one CPU).  --export=ALL (sbatch's default,
        # said here because the test depends on it) hands the job
        # SOURCE_DATE_EPOCH, LD_LIBRARY_PATH and the ASan build's
        # ASAN_OPTIONS/LSAN_OPTIONS/UBSAN_OPTIONS.
        t0 = time.monotonic()
        sb = subprocess.Popen(["sbatch", "--wait", "--parsable", f"--array=0-{TASKS - 1}", "--cpus-per-task=1",
                               "--export=ALL", "--job-name=briefing-shards", f"--chdir={w}",
                               f"--output={w}/task-%a.out", os.path.join(w, "render.sh")],
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
        try:
            so, se = sb.communicate(timeout=JOB_S)
            ended = True
        except subprocess.TimeoutExpired:
            sb.kill()
            so, se = sb.communicate()
            ended = False
        check(ended, f"the job array ends within {JOB_S} s")
        # sbatch --wait exits with the highest exit code of the array's tasks.
        check(ended and sb.returncode == 0,
              f"sbatch --wait exits 0 ({sb.returncode}: {se.strip()[-300:]}) after {time.monotonic() - t0:.1f} s")
        jobid = so.strip().split(";")[0]
        # No accounting database here (no sacct): the controller still holds
        # each finished task's record (for MinJobAge, 300 s).
        r = cluster.slurm("scontrol", "show", "job", "-o", jobid)
        tasks = {}
        for line in r.stdout.splitlines():
            f = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
            if f.get("ArrayJobId") == jobid:
                tasks[f.get("ArrayTaskId")] = (f.get("JobState"), f.get("ExitCode"))
        check(tasks == {str(k): ("COMPLETED", "0:0") for k in range(TASKS)},
              f"each of the {TASKS} array tasks completed with exit code 0 ({tasks or r.stderr.strip()})")

        outputs = []
        for k in range(TASKS):
            check(os.path.exists(f"{w}/task-{k}.out"), f"task {k} wrote its Slurm output file")
            try:
                with open(f"{out}/report-{k}.json") as f:
                    rep = json.load(f)
            except (OSError, ValueError) as e:
                check(False, f"task {k} wrote its report ({e})")
                print(f"--- {w}/task-{k}.out\n{tail(f'{w}/task-{k}.out')}", end="")
                continue
            check(rep["shard"] == {"index": k, "count": TASKS} and rep["failed"] == 0 and rep["total"] > 0
                  and all(j["status"] == "ok" for j in rep["jobs"]),
                  f"task {k}'s report: shard {k}/{TASKS} ({rep['shard']}), {rep['ok']} of {rep['total']} jobs ok")
            # -j "$SLURM_CPUS_PER_TASK": the task ran as many jobs at once as
            # it was given CPUs.
            check(rep["threads"] == 1, f"task {k} ran -j $SLURM_CPUS_PER_TASK = 1 ({rep['threads']})")
            outputs += [os.path.relpath(j["output"], out) for j in rep["jobs"]]
        got = {n: h for n, h in tree(out).items() if n.endswith(".pdf")}
        check(len(outputs) == len(set(outputs)) and sorted(outputs) == sorted(got),
              f"each PDF in the folder is in exactly one task's report ({len(outputs)} entries, {len(got)} PDFs)")
        other = set(tree(out)) - set(got) - {f"report-{k}.json" for k in range(TASKS)}
        check(not other, f"the folder holds only the PDFs and the reports, no temporary file ({sorted(other)})")
        check(len(full) == 31 and got == full,
              "the array's tasks together write the unsharded run's files, byte for byte")
except BaseException as e:
    if not (isinstance(e, SystemExit) and e.code == 0):
        cluster.tails()
    raise
finally:
    left = cluster.stop()
    if not check(not left, "no process of the cluster is left after the daemons stopped"):
        print(f"killed leftover pids {left}")
    if cdir != os.path.join(w, "cluster"):
        shutil.rmtree(cdir, ignore_errors=True)
if failures:
    cluster.tails()
finish()
