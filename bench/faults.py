"""Fault injection: an evaluation killed at random points and resumed gives exactly the results of an uninterrupted run.

Usage: python bench/faults.py [--data mini:test] [--n-scenes 300] [--kills 12] [--seed 0]

Runs `refviz eval` once from an empty cache (the reference), then again into a second empty cache, killing it after
a random time (alternately SIGINT, as Ctrl-C sends, and SIGKILL, as a crash or an out-of-memory kill does) and
starting it again, `--kills` times, and finally letting it finish. The two results folders must hold identical tables.
"""
import argparse, random, signal, subprocess, sys, tempfile, time
from pathlib import Path
import pandas as pd

REFVIZ = str(Path(sys.executable).parent/'refviz')

def run(args, cache, out, kill_after=None, sig=None):
    "Run `refviz eval`; with `kill_after`, send `sig` after that many seconds. Returns (exit code, stderr)."
    p = subprocess.Popen([REFVIZ, 'eval', *args, '--cache', str(cache), '--out', str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # a shell's background jobs ignore SIGINT
    if kill_after is not None:
        try: p.wait(kill_after)
        except subprocess.TimeoutExpired: p.send_signal(sig)
    return p.wait(), p.stderr.read()

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default='mini:test'); ap.add_argument('--n-scenes', type=int, default=300)
    ap.add_argument('--kills', type=int, default=12); ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    rng, args = random.Random(a.seed), ['--data', a.data, '--n-scenes', str(a.n_scenes)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter(); code, err = run(args, tmp/'cache-ref', tmp/'ref'); full = time.perf_counter() - t0
        assert code == 0, err
        kills = []
        for i in range(a.kills):
            sig = (signal.SIGINT, signal.SIGKILL)[i % 2]
            at = rng.uniform(8, 14)  # after the models load (about 6 s), long before the split is done
            code, err = run(args, tmp/'cache', tmp/'res', at, sig)
            kills.append((sig.name, round(at, 1), code, err.strip().split('\r')[-1].splitlines()[-1][:150] if err.strip() else ''))
        code, err = run(args, tmp/'cache', tmp/'res'); assert code == 0, err
        same = all(pd.read_csv(tmp/'ref'/f).equals(pd.read_csv(tmp/'res'/f)) for f in ('samples.csv', 'components.csv'))
    print(f'{a.data}, {a.n_scenes} scenes: uninterrupted run {full:.0f} s; {len(kills)} kills '
          f'({sum(k[2] != 0 for k in kills)} of them mid-run), then a final run')
    for k in kills: print('  ', *k)
    print('results identical to the uninterrupted run:', same)
    sys.exit(0 if same else 1)

if __name__ == '__main__': main()
