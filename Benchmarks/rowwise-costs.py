# A costs import made row by row by Python's sqlite3 module, with no rule, no hash and no
# check of a binding: how close a row-by-row import can come to the set-based writes-only floor
# (README, "Not built yet": issue 21). Random bytes stand in for the hashes and images.
#
#   python3 Benchmarks/rowwise-costs.py BEFORE.sqlite COSTS.csv MODE
#
# BEFORE.sqlite is a round just before its costs import (the bench's, kept with
# `doorbraak-bench --keep`, after `nza decide --all`, one `nza decide` and `import claims`);
# it is copied to py.sqlite in the current folder. MODE: w the writes row by row; r the four
# lookups a line rests on, then its writes; m the lookups in one statement; c the writes in
# statements of 100 rows; mc both. Prints the mode and the seconds.
import sqlite3, time, os, sys, csv, shutil
src, csvf, mode = sys.argv[1], sys.argv[2], sys.argv[3]
shutil.copy(src, 'py.sqlite'); 
for ext in ('-wal','-shm'):
    if os.path.exists('py.sqlite'+ext): os.remove('py.sqlite'+ext)
t0 = time.time()
db = sqlite3.connect('py.sqlite', isolation_level=None)
db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA synchronous=FULL'); db.execute('PRAGMA foreign_keys=ON')
rows = list(csv.reader(open(csvf)))[1:]
db.execute('BEGIN IMMEDIATE')
seq = db.execute('select max(seq) from audit_event').fetchone()[0]
c = db.cursor()
merged = """SELECT (SELECT content FROM cost_line WHERE line_id = ?1), a.status,
  EXISTS (SELECT 1 FROM beschikking b WHERE b.application_id = a.id AND b.status = 'granted'),
  (SELECT group_concat(agb, ' ') FROM application_provider WHERE application_id = a.id),
  (SELECT on_day FROM audit_event WHERE subject = a.id ORDER BY seq DESC LIMIT 1) FROM application a WHERE a.id = ?2"""
N = 100
def chunks(l, n):
    for i in range(0, len(l), n): yield l[i:i+n]
binds = []
for ch in chunks(rows, N):
    if 'm' in mode:
        for r in ch: c.execute(merged, (r[0], r[1])).fetchone()
    if 'r' in mode:
        for r in ch:
            c.execute('SELECT * FROM cost_line WHERE line_id=?', (r[0],)).fetchone()
            c.execute("SELECT a.status, EXISTS (SELECT 1 FROM beschikking b WHERE b.application_id = a.id AND b.status = 'granted'), a.plan FROM application a WHERE a.id = ?", (r[1],)).fetchone()
            c.execute('SELECT agb FROM application_provider WHERE application_id = ?', (r[1],)).fetchall()
            c.execute('SELECT on_day FROM audit_event WHERE subject = ? ORDER BY seq DESC LIMIT 1', (r[1],)).fetchone()
    vals = []; evs = []
    for r in ch:
        vals += [r[0], r[1], r[2], int(r[3]), r[4], r[5], int(float(r[6])*100), r[7], ','.join(r), '', '2028-01-15']
        seq += 1
        evs += [seq, '2028-01-15T00:00:00Z', 'bench', 'cost', r[1], '-', 'cost line %s: stuff %s' % (r[0], r[6]), os.urandom(32).hex(), os.urandom(32).hex(), '2028-01-15', '']
        binds.append(r[0])
    if 'c' in mode:
        c.execute('INSERT INTO cost_line VALUES ' + ','.join(['(?,?,?,?,?,?,?,?,?,?,?)']*len(ch)), vals)
        c.execute('INSERT INTO audit_event (seq, at, actor, action, subject, before, after, prev_hash, hash, on_day, rows_sha256) VALUES ' + ','.join(['(?,?,?,?,?,?,?,?,?,?,?)']*len(ch)), evs)
    else:
        for i in range(len(ch)):
            c.execute('INSERT INTO cost_line VALUES (?,?,?,?,?,?,?,?,?,?,?)', vals[i*11:i*11+11])
            c.execute('INSERT INTO audit_event (seq, at, actor, action, subject, before, after, prev_hash, hash, on_day, rows_sha256) VALUES (?,?,?,?,?,?,?,?,?,?,?)', evs[i*11:i*11+11])
binds.sort()
if 'c' in mode:
    for ch in chunks(binds, N):
        v = []
        for k in ch: v += ['cost_line', k, seq, os.urandom(211)]
        c.execute('INSERT INTO row_binding VALUES ' + ','.join(['(?,?,?,?)']*len(ch)), v)
else:
    for k in binds: c.execute('INSERT INTO row_binding VALUES (?,?,?,?)', ('cost_line', k, seq, os.urandom(211)))
db.execute('COMMIT')
print('%s %.3f s' % (mode, time.time() - t0))
