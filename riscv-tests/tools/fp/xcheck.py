import random, struct, math
from fpmodel import *
def d2b(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def b2d(b): return struct.unpack('<d', struct.pack('<Q', b))[0]
random.seed(1)
def rnd():
    k = random.random()
    if k < 0.2: return random.getrandbits(64)
    e = random.choice([random.randrange(0, 2047), 0, 1, 2046, 1023, 1022, 1024, random.randrange(0, 60), random.randrange(1990, 2047)])
    return (random.getrandbits(1) << 63) | (e << 52) | random.getrandbits(52)
n = 0
for i in range(20000):
    a, b, c = rnd(), rnd(), rnd()
    x, y, z = b2d(a), b2d(b), b2d(c)
    for name, mine, host in [
        ('add', add(a, b, D, RNE)[0], x + y),
        ('sub', sub(a, b, D, RNE)[0], x - y),
        ('mul', mul(a, b, D, RNE)[0], x * y),
        ('div', div(a, b, D, RNE)[0], (x / y) if y != 0 else None),
        ('sqrt', sqrt(a, D, RNE)[0], math.sqrt(x) if x >= 0 else None),
        ('fma', fma(a, b, c, D, RNE)[0], math.fma(x, y, z) if hasattr(math, 'fma') else None),
    ]:
        if host is None: continue
        hb = d2b(host)
        if math.isnan(host):
            assert mine == D.qnan, (name, hex(a), hex(b))
        else:
            assert mine == hb, (name, hex(a), hex(b), hex(c), hex(mine), hex(hb))
        n += 1
print('checked', n)
