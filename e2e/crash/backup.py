#!/usr/bin/env python3
"""Backups you can restore (issue 20). Run by scripts/test:

    backup.py BIN PORT DATABASE_URL [RESTORE_URL]

DATABASE_URL is "sqlite" (the demo's file) or an empty PostgreSQL database; RESTORE_URL
another empty PostgreSQL database to restore into (for SQLite a new file is used). It fills
the database with the demo, serves it on PORT and sends survey answers through the API from
four clients, each with an Idempotency-Key; while they write, `collegium backup` copies the
database. Then `collegium restore` puts the copy into the new database, `serve` starts on it
(PORT+1), and the checks: every answer acknowledged before the backup began is in the copy,
once; nothing is in it that was never sent; the copy serves (/readyz) and a demo person signs
in; a backup never overwrites a file and a restore never overwrites a database.

One line per check, then `backup <db>: N passed, M failed`. Environment: CRASH_LOG."""
import http.client, os, re, shutil, signal, subprocess, sys, tempfile, threading, time

import nodes, stored  # e2e/crash/

BIN, PORT, DB = sys.argv[1], int(sys.argv[2]), sys.argv[3]
KIND = "postgres" if DB.startswith("postgres") else "sqlite"
RESTORE = sys.argv[4] if len(sys.argv) > 4 else None
if KIND == "postgres" and not RESTORE:
    sys.exit("backup.py: on PostgreSQL, name an empty database to restore into")
WORK = tempfile.mkdtemp(prefix="collegium-backup.")
SOURCE = DB if KIND == "postgres" else "sqlite:data/demo.sqlite"
TARGET = RESTORE if KIND == "postgres" else f"sqlite:{WORK}/restored/collegium.sqlite"
log = open(os.environ.get("CRASH_LOG", "/dev/null"), "a")
started, check = [], nodes.Checks()
nodes.killed_at_exit(started, then=lambda: shutil.rmtree(WORK, ignore_errors=True))


def environment(database):
    env = {**os.environ, "DATABASE_URL": database, "LOG_LEVEL": "warning", "API_REQUESTS_PER_MINUTE": "1000000"}
    env.pop("TEST_DATABASE_URL", None)
    return env


def start(command, port, database, stdout=None):
    env = environment(database)
    if command == "demo" and KIND == "postgres":
        env["DEMO_DATABASE_URL"] = database
    process = subprocess.Popen([BIN, command, "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                               stdout=stdout or log, stderr=log, text=True)
    started.append(process)
    return process


def command(*arguments, database):
    """(exit status, output) of a collegium command on `database`."""
    done = subprocess.run([BIN, *arguments], env=environment(database), capture_output=True, text=True, timeout=300)
    print(f"$ collegium {' '.join(arguments)}\n{done.stdout}{done.stderr}", file=log, flush=True)
    return done.returncode, done.stdout + done.stderr


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


# The demo's data, then a node serving it.
demo = start("demo", PORT, SOURCE, stdout=subprocess.PIPE)
lines = []
for line in demo.stdout:
    lines.append(line)
    if line.startswith("API token (admin): "):
        break
token = lines[-1].split(": ", 1)[1].strip()
password = re.search(r"password for all: ([^)]+)\)", "".join(lines)).group(1)
person = next(re.match(r"\s+(\S+@\S+)\s", l).group(1) for l in lines if re.match(r"\s+\S+@\S+\s.*teacher", l))
assert nodes.wait_ready(PORT, process=demo), "the demo did not start"
stop(demo)
node = start("serve", PORT, SOURCE)
assert nodes.wait_ready(PORT, process=node), "the node did not start on the demo's database"

schools = nodes.request(PORT, "GET", "/api/v1/schools", token)[1]
definition = {
    "baseLanguage": "en", "languages": ["en"], "title": {"en": "Backup"}, "introduction": {},
    "sections": [{"title": {"en": "One"}, "questions": [
        {"variable": "trust", "kind": "likert", "text": {"en": "trust"}, "required": True,
         "options": [{"value": v, "label": {"en": str(v)}} for v in range(1, 6)]}]}],
}
status, survey, _ = nodes.request(PORT, "POST", "/api/v1/surveys", token, {"schoolId": schools[0]["id"], "definition": definition})
assert status == 201, f"creating the survey: {status} {survey}"
assert nodes.request(PORT, "POST", f"/api/v1/surveys/{survey['id']}/publish", token, {"anonymous": False})[0] == 200

lock, stopping = threading.Lock(), threading.Event()
acknowledged, sent = {}, set()  # key -> the moment it was acknowledged; every key sent


def client(number):
    count = 0
    while not stopping.is_set():
        key = f"backup-{number}-{count}"
        count += 1
        with lock:
            sent.add(key)
        try:
            status, receipt, _ = nodes.request(PORT, "POST", f"/api/v1/surveys/{survey['id']}/responses", token,
                                               {"answers": {"trust": 1 + count % 5}}, {"Idempotency-Key": key})
        except (OSError, http.client.HTTPException) as error:
            print(f"{key}: {error!r}", file=log, flush=True)
            continue
        if status in (200, 201):
            with lock:
                acknowledged[key] = time.monotonic()


threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
for t in threads:
    t.start()
time.sleep(2)
backup_file = os.path.join(WORK, "collegium.backup")
began = time.monotonic()
code, output = command("backup", backup_file, database=SOURCE)
ended = time.monotonic()
time.sleep(1)
stopping.set()
for t in threads:
    t.join()
before = {key for key, at in acknowledged.items() if at < began}
during = {key for key, at in acknowledged.items() if began <= at <= ended}
check(code == 0 and os.path.getsize(backup_file) > 0,
      f"collegium backup while four clients wrote: {'exit 0' if code == 0 else output.strip()[-300:]}, "
      f"{os.path.getsize(backup_file) if os.path.exists(backup_file) else 0} bytes in {ended - began:.1f} s")
again, refusal = command("backup", backup_file, database=SOURCE)
check(again != 0 and "exists" in refusal, "a second backup to the same file is refused: " + refusal.strip().splitlines()[-1][:160])
stop(node)

code, output = command("restore", backup_file, database=TARGET)
check(code == 0, "collegium restore into a new database: " + ("exit 0" if code == 0 else output.strip()[-300:]))
again, refusal = command("restore", backup_file, database=TARGET)
check(again != 0 and ("exists" in refusal or "not empty" in refusal),
      "a second restore onto the restored database is refused: " + refusal.strip().splitlines()[-1][:160])

restored = start("serve", PORT + 1, TARGET)
check(nodes.wait_ready(PORT + 1, process=restored), f"serve starts on the restored database (port {PORT + 1})")
try:
    nodes.Browser(PORT + 1).sign_in(person, password)
    signed_in = "yes"
except AssertionError as error:
    signed_in = str(error)
check(signed_in == "yes", f"{person} signs in on the restored copy" + ("" if signed_in == "yes" else f": {signed_in}"))
stop(restored)

copy = stored.responses(TARGET if KIND == "postgres" else TARGET.removeprefix("sqlite:"), survey["id"])
missing = sorted(key for key in before if len(copy.get(key, [])) != 1)
unknown = sorted(key for key in copy if key not in sent)
check(before and not missing,
      f"all {len(before)} answers acknowledged before the backup began are in the copy, once each"
      + (": missing or doubled " + ", ".join(missing[:5]) if missing else ""))
check(not unknown, f"the copy holds {len(copy)} answers, none that was never sent"
      + (": " + ", ".join(unknown[:5]) if unknown else "")
      + f" ({sum(1 for key in during if key in copy)} of the {len(during)} acknowledged during the backup)")

check.finish(f"backup {KIND}")
