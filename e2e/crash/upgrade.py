#!/usr/bin/env python3
"""Upgrading a real installation (issue 20). Run by scripts/test:

    upgrade.py BIN PORT DATABASE_URL      (DATABASE_URL: "sqlite", or an empty PostgreSQL database)

Tests/Fixtures/upgrade/ keeps, for each release since issue 20, that release's demo database
(schema and data): SQLite's file (sqlite.db.gz) and PostgreSQL's dump (postgres.sql.gz), made
by scripts/make-upgrade-dump. For each, this loads the dump into a new database, starts the
current `serve` on it (which applies the newer migrations) and checks: it serves; every
migration of the dump is still recorded and the new ones are applied once; no row of the
main tables is lost; and a leader and a teacher of the demo walk their main pages (home, My
support, the school, surveys, a course, well-being, the handbook's search) and write
(notifications marked read), each answered without an error.

One line per check, then `upgrade <db>: N passed, M failed`. Environment: CRASH_LOG."""
import glob, gzip, os, re, shutil, signal, subprocess, sys, tempfile

import nodes, stored  # e2e/crash/

BIN, PORT, DB = sys.argv[1], int(sys.argv[2]), sys.argv[3]
KIND = "postgres" if DB.startswith("postgres") else "sqlite"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = sorted(glob.glob(os.path.join(ROOT, "Tests", "Fixtures", "upgrade", "*", "sqlite.db.gz" if KIND == "sqlite" else "postgres.sql.gz")))
WORK = tempfile.mkdtemp(prefix="collegium-upgrade.")
# The tables whose rows must all survive an upgrade: people, their schools, their work.
TABLES = ["users", "memberships", "schools", "surveys", "survey_responses", "practice_engagements", "practice_notes",
          "course_enrolments", "quiz_attempts", "handbook_revisions", "mail_outbox"]
LEADER, TEACHER = "ilze.berzina@riga.collegium.example", "janis.ozols@riga.collegium.example"
PASSWORD = "collegium-demo"
log = open(os.environ.get("CRASH_LOG", "/dev/null"), "a")
started, check = [], nodes.Checks()
nodes.killed_at_exit(started, then=lambda: shutil.rmtree(WORK, ignore_errors=True))


def load(dump, release):
    """A new database holding `dump`; its DATABASE_URL and the place stored.query reads."""
    if KIND == "sqlite":
        path = os.path.join(WORK, f"{release}.sqlite")
        with gzip.open(dump) as packed, open(path, "wb") as file:
            shutil.copyfileobj(packed, file)
        return "sqlite:" + path, path
    # pg_dump since 15.14 fences its output with \restrict and \unrestrict, which an
    # older psql does not know: they guard against a hostile dump, and this one is ours.
    script = "".join(line for line in gzip.open(dump, "rt", encoding="utf-8") if not line.startswith(("\\restrict", "\\unrestrict")))
    # An empty PostgreSQL database: the dump's objects go into its public schema.
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", DB, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"],
                   check=True, stdout=log, stderr=log)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", DB], input=script, text=True, check=True, stdout=log, stderr=log)
    return DB, DB


def counts(where):
    return {table: int(stored.query(where, f"SELECT count(*) FROM {table}")[0][0]) for table in TABLES}


def migrations(where):
    return [row[0] for row in stored.query(where, "SELECT name FROM _fluent_migrations")]


def walk(port, email, pages):
    """Signs in and asks each page; the problems found, in words."""
    problems = []
    person = nodes.Browser(port).sign_in(email, PASSWORD)
    for path, expect in pages:
        status, body = person.send("GET", path)
        if status != 200 or (expect and expect not in body):
            problems.append(f"{email} GET {path}: {status}" + ("" if status != 200 else f", no {expect!r}"))
    return person, problems


if not FIXTURES:
    print(f"upgrade {KIND}: 0 passed, 1 failed (no release's database in Tests/Fixtures/upgrade/)")
    sys.exit(1)
for dump in FIXTURES:
    release = os.path.basename(os.path.dirname(dump))
    url, where = load(dump, release)
    before, old = counts(where), migrations(where)
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "warning"}
    env.pop("TEST_DATABASE_URL", None)
    node = subprocess.Popen([BIN, "serve", "--hostname", "127.0.0.1", "--port", str(PORT)], env=env, stdout=log, stderr=log)
    started.append(node)
    up = nodes.wait_ready(PORT, timeout=180, process=node)
    check(up, f"{release}: serve upgrades the database and serves")
    if not up:
        continue
    after, new = counts(where), migrations(where)
    check(all(name in new for name in old) and len(new) == len(set(new)) and len(new) >= len(old),
          f"{release}: its {len(old)} migrations still recorded, {len(new) - len(old)} newer applied once each")
    lost = {table: (before[table], after[table]) for table in TABLES if after[table] < before[table]}
    check(not lost, f"{release}: no row lost in {len(TABLES)} tables ({sum(before.values())} rows before)"
          + (": " + ", ".join(f"{t} {a} → {b}" for t, (a, b) in lost.items()) if lost else ""))
    leader, problems = walk(PORT, LEADER, [("/", ""), ("/support", ""), ("/surveys", ""), ("/courses", ""), ("/handbook/search?q=mentor", "")])
    school = re.search(r'href="(/schools/[0-9A-Fa-f-]{36})"', leader.send("GET", "/")[1])
    if school:
        status, _ = leader.send("GET", school.group(1))
        if status != 200:
            problems.append(f"{LEADER} GET {school.group(1)}: {status}")
    else:
        problems.append("the leader's home links to no school")
    teacher, more = walk(PORT, TEACHER, [("/", ""), ("/support", ""), ("/wellbeing", "")])
    problems += more
    course = re.search(r'href="(/courses/[a-z0-9-]+)"', teacher.send("GET", "/courses")[1])
    if course:
        status, _ = teacher.send("GET", course.group(1))
        if status != 200:
            problems.append(f"{TEACHER} GET {course.group(1)}: {status}")
    status, _ = teacher.send("POST", "/support/notifications/read", form={})
    if status != 303:
        problems.append(f"{TEACHER} POST /support/notifications/read: {status}")
    check(not problems, f"{release}: a leader and a teacher walk their main pages and write" + (": " + "; ".join(problems[:4]) if problems else ""))
    node.send_signal(signal.SIGTERM)
    node.wait(timeout=60)

check.finish(f"upgrade {KIND}", f"{len(FIXTURES)} release{'s' if len(FIXTURES) != 1 else ''}")
