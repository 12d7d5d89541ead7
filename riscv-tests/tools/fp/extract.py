"""Extracts TEST_* cases from FP .S files into hostcheck input lines."""
import re, sys
import fpmodel as M
RM = {'rne': 0, 'rtz': 1, 'rdn': 2, 'rup': 3, 'rmm': 4}
def u(x, fmt):
    x = int(x, 16)
    return M.unbox(x, M.S) if fmt == 's' else x
for path in sys.argv[1:]:
    for line in open(path):
        m = re.match(r'\s*(TEST_\w+)\((.*)\)\s*$', line)
        if not m:
            continue
        kind, args = m.group(1), [s.strip() for s in m.group(2).split(',')]
        if kind in ('TEST_F1', 'TEST_F2', 'TEST_F3'):
            insn, rm = args[0], args[1]
            if rm not in RM:
                continue
            op, fmt = insn.rsplit('.', 1)
            if insn == 'fcvt.s.d':
                op, fmt = 'fcvt.s.d', 's'
                ops = [int(args[4], 16), 0, 0]
            else:
                ops = [u(x, fmt) for x in args[4:]] + [0, 0]
            print(op, fmt, RM[rm], '%x %x %x' % tuple(ops[:3]), '%x' % (int(args[2], 16) & ((1 << 64) - 1)), args[3][2:])
        elif kind == 'TEST_FCVT_XF':
            _, k, fmt = args[0].split('.')
            if args[1] not in RM:
                continue
            print('fcvtxf.%s %s %d %x 0 0 %s %s' % (k, fmt, RM[args[1]], u(args[4], fmt), args[2][2:], args[3][2:]))
        elif kind == 'TEST_F1N' and args[0] == 'fcvt.d.s':
            print('fcvt.d.s d 0 %x 0 0 %s %s' % (u(args[3], 's'), args[1][2:], args[2][2:]))
        elif kind in ('TEST_FCVT_FX', 'TEST_FCVT_FXN') and args[0].startswith('fcvt.'):
            _, fmt, k = args[0].split('.')
            if kind == 'TEST_FCVT_FX':
                rm, res, fl, x = args[1], args[2], args[3], args[4]
            else:
                rm, res, fl, x = 'rne', args[1], args[2], args[3]
            if rm not in RM:
                continue
            print('fcvtfx.%s %s %d %s 0 0 %s %s' % (k, fmt, RM[rm], x[2:], res[2:], fl[2:]))
