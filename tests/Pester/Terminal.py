#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal and plays a script against it, as a person at a terminal would.

Usage: Terminal.py ROWS COLS TIMEOUT -- COMMAND [ARG...]; the script is a JSON list on stdin of steps:
  {"send": TEXT}          type TEXT
  {"expect": REGEX}       wait (at most TIMEOUT seconds) until the output since the last match matches REGEX
  {"resize": [ROWS, COLS]} resize the terminal (the command gets SIGWINCH)
Writes one JSON object: ok, error (the step that failed), output (all the command wrote) and exitCode (null while it
runs: it is killed at the end). Answers the terminal's cursor position queries (ESC [6n) as a terminal does.
"""
import fcntl, json, os, re, select, signal, struct, subprocess, sys, termios, time

rows, cols, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
command = sys.argv[sys.argv.index('--') + 1:]
steps = json.load(sys.stdin)

master, slave = os.openpty()
def resize(r, c):
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
resize(rows, cols)
process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                           preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0), close_fds=True)
os.close(slave)

output = b''
position = 0
def read(wait):
    global output
    ready, _, _ = select.select([master], [], [], wait)
    if not ready:
        return
    try:
        data = os.read(master, 65536)
    except OSError:
        data = b''
    if not data:
        raise EOFError
    for _ in range(data.count(b'\x1b[6n')):
        os.write(master, b'\x1b[1;1R')
    output += data

result = {'ok': True, 'error': None}
try:
    for step in steps:
        if 'send' in step:
            os.write(master, step['send'].encode())
        elif 'resize' in step:
            resize(*step['resize'])
        elif 'expect' in step:
            pattern = re.compile(step['expect'])
            deadline = time.monotonic() + timeout
            while True:
                match = pattern.search(output.decode('utf-8', 'replace'), position)
                if match:
                    position = match.end()
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no {step['expect']!r} within {timeout} s")
                read(0.05)
except (TimeoutError, EOFError) as e:
    result = {'ok': False, 'error': f'{type(e).__name__}: {e} (step {step})'}

# The rest of the output, briefly, then the exit code if it has ended.
deadline = time.monotonic() + 2
while process.poll() is None and time.monotonic() < deadline:
    try:
        read(0.05)
    except EOFError:
        break
result['exitCode'] = process.poll()
if result['exitCode'] is None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
result['output'] = output.decode('utf-8', 'replace')
print(json.dumps(result))
