"""What the crash test (crash.py) reads from the database itself once the servers are
stopped: a survey's stored responses and its kept counters, and the recount of those
counters from the responses. Every value is read as text."""
import json, sqlite3, subprocess, uuid
from collections import namedtuple

Response = namedtuple("Response", "id answers released country role school")


def query(database, sql):
    """Rows of `database` (a postgres:// URL, or the path of an SQLite file)."""
    if not database.startswith("postgres"):
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            return [[uuid.UUID(bytes=v).hex if isinstance(v, bytes) else str(v) for v in row] for row in db.execute(sql)]
    out = subprocess.run(["psql", "-X", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", database, "-c", sql],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("\x1f") for line in out.splitlines() if line]


def same_id(a, b):
    return uuid.UUID(a) == uuid.UUID(b)


def truth(value):
    return value in ("1", "t", "true", "True")


def responses(database, survey_id):
    """The survey's stored responses by idempotency key: {key: [Response, ...]}. Filtered
    here rather than in SQL: the two databases keep a UUID differently."""
    result = {}
    for row_id, survey, key, answers, released, country, role, school in query(
            database, "SELECT id, survey_id, idempotency_key, answers, released, country, role, school_id FROM survey_responses"):
        if same_id(survey, survey_id):
            school = str(uuid.UUID(school)).upper() if school not in ("", "None") else ""
            result.setdefault(key, []).append(Response(row_id, json.loads(answers), truth(released), country, role, school))
    return result


def counters(database, survey_id):
    """The survey's kept counters: {(variable, grouping, group key, code): n}."""
    return {(variable, grouping, key, int(code)): int(n) for survey, variable, grouping, key, code, n
            in query(database, 'SELECT survey_id, variable, "grouping", group_key, code, n FROM survey_counts')
            if same_id(survey, survey_id)}


def recount(stored, variables):
    """The counters recounted from the stored responses as SurveyCounts.keys counts a
    released one: each closed question's code, overall ("") and in each grouping (a missing
    country, school or role is "_unknown"; "cell" is the three together)."""
    result = {}
    for versions in stored.values():
        for response in versions:
            if not response.released:
                continue
            parts = [part or "_unknown" for part in (response.country, response.school, response.role)]
            groups = {"": "", "country": parts[0], "school": parts[1], "role": parts[2], "cell": "|".join(parts)}
            for name in variables:
                for grouping, group_key in groups.items():
                    cell = (name, grouping, group_key, int(response.answers[name]))
                    result[cell] = result.get(cell, 0) + 1
    return result


def examine(database, survey_id, acknowledged, sent_answers, variables):
    """What is wrong in the database after the run: keys not stored exactly once, rows that
    are not the one acknowledged with the answers sent, counters that differ from the recount."""
    rows = responses(database, survey_id)
    kept = counters(database, survey_id)
    recounted = recount(rows, variables)
    wrong = [f"{key}: acknowledged as {ack}, stored {rows[key][0].id} {rows[key][0].answers}" for key, ack in acknowledged.items()
             if len(rows.get(key, [])) == 1 and not (same_id(rows[key][0].id, ack)
                 and rows[key][0].answers == {name: str(code) for name, code in sent_answers[key].items()})]
    return {
        "count": sum(len(versions) for versions in rows.values()),
        "not_once": sorted(f"{key} stored {len(rows.get(key, []))} times" for key in acknowledged if len(rows.get(key, [])) != 1)
        + sorted(f"{key} stored, never acknowledged" for key in rows if key not in acknowledged),
        "wrong": sorted(wrong),
        "kept": kept,
        "overall": sum(n for (name, grouping, _, _), n in kept.items() if name == next(iter(variables)) and grouping == ""),
        "unreleased": sum(1 for versions in rows.values() for response in versions if not response.released),
        "differ": sorted(f"{cell}: kept {kept.get(cell)}, recounted {recounted.get(cell)}" for cell in set(kept) | set(recounted)
                         if kept.get(cell) != recounted.get(cell)),
    }
