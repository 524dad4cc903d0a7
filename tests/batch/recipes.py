#!/usr/bin/env python3
"""batch-recipes: the recipes of README.md's Shards section stay true.
The Kubernetes manifest is YAML for an Indexed Job whose command shards by
$JOB_COMPLETION_INDEX over its completions; the Slurm script is a job
array sharding by $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT; the
systemd units parse and the timer has OnCalendar; and every option that a
recipe's `briefing render` uses is one `briefing render --help` lists.
(No Kubernetes runs here; batch-slurm runs the Slurm script as a job array,
batch-gnu-parallel the GNU parallel line.)"""
import configparser
import re
import yaml
from batchlib import *

with open(os.path.join(SRCDIR, "README.md")) as f:
    readme = f.read()
section = readme[readme.index("### Shards"):]
section = section[:section.index("\n## ")] if "\n## " in section else section
blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
kinds = [k for k, _ in blocks]
check(kinds.count("sh") >= 2 and "yaml" in kinds and "cron" in kinds and "ini" in kinds,
      f"Slurm, Kubernetes, GNU parallel, cron and systemd recipes ({kinds})")

helptext = subprocess.run([BRIEFING, "render", "--help"], capture_output=True, text=True).stdout
known = set(re.findall(r"(?<![\w-])(--[a-z-]+|-[a-zA-Z])\b", helptext))


def options_known(kind, text):
    for cmd in re.findall(r"briefing render ([^\n]*)", text.replace("\\\n", " ")):
        opts = set(re.findall(r"(?<![\w/{$-])(--[a-z-]+|-[a-zA-Z])(?=[\s=\"']|$)", cmd))
        unknown = opts - known
        check("-o" in opts and not unknown,
              f"{kind} recipe: -o and only briefing's options ({sorted(opts)}; unknown {sorted(unknown)})")


for kind, text in blocks:
    if kind != "yaml":
        options_known(kind, text)

sh = [t for k, t in blocks if k == "sh"]
slurm = next((t for t in sh if "#SBATCH" in t), "")
check(re.search(r"#SBATCH --array=0-\d+", slurm) is not None
      and "--shard \"$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT\"" in slurm, "Slurm: a job array, sharded by task")
gnu = next((t for t in sh if "parallel" in t), "")
check("--shard {}/4" in gnu and "::: 0 1 2 3" in gnu, "GNU parallel: shards {}/4 over 0 1 2 3")

job = yaml.safe_load(next(t for k, t in blocks if k == "yaml"))
spec = job.get("spec", {})
command = " ".join(spec["template"]["spec"]["containers"][0]["command"])
check(job.get("kind") == "Job" and job.get("apiVersion") == "batch/v1" and spec.get("completionMode") == "Indexed",
      "Kubernetes: a batch/v1 Job in Indexed completion mode")
check(f"--shard $JOB_COMPLETION_INDEX/{spec.get('completions')}" in command,
      f"Kubernetes: shards by JOB_COMPLETION_INDEX over its {spec.get('completions')} completions")
options_known("yaml", command)
check(spec["template"]["spec"].get("restartPolicy") == "Never", "Kubernetes: restartPolicy Never (Indexed Jobs need it)")

cron = next(t for k, t in blocks if k == "cron").strip().splitlines()[-1]
check(len(cron.split(None, 5)) == 6 and " -q " in cron, "cron: five time fields and a quiet command")
ini = next(t for k, t in blocks if k == "ini")
units = re.split(r"^# (briefing-nightly\.\w+)\n", ini, flags=re.M)[1:]
parsed = {}
for name, body in zip(units[::2], units[1::2]):
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.optionxform = str
    cp.read_string(body)
    parsed[name] = cp
check(set(parsed) == {"briefing-nightly.service", "briefing-nightly.timer"}, f"systemd: a service and a timer ({set(parsed)})")
if len(parsed) == 2:
    check(parsed["briefing-nightly.service"]["Service"].get("Type") == "oneshot"
          and "briefing render" in parsed["briefing-nightly.service"]["Service"].get("ExecStart", ""),
          "systemd: a oneshot service that runs briefing render")
    check("OnCalendar" in parsed["briefing-nightly.timer"]["Timer"], "systemd: the timer has OnCalendar")
finish()
