"""Independent model of RISC-V F/D semantics with exact rational arithmetic.

Written from the RISC-V unprivileged spec (F and D chapters) and IEEE 754-2008:
results are the exact value rounded once, tininess detected after rounding,
canonical NaNs, NaN boxing, RISC-V integer-conversion saturation.
"""
from fractions import Fraction as Fr

NV, DZ, OF, UF, NX = 16, 8, 4, 2, 1
RNE, RTZ, RDN, RUP, RMM = 0, 1, 2, 3, 4
RM_NAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm']


class Fmt:
    def __init__(self, ebits, p, name):
        self.ebits, self.p, self.name = ebits, p, name
        self.bias = (1 << (ebits - 1)) - 1
        self.emin = 1 - self.bias
        self.emax = self.bias
        self.n = ebits + p
        self.fbits = p - 1
        self.expmask = (1 << ebits) - 1
        self.qnan = (self.expmask << self.fbits) | (1 << (self.fbits - 1))
        self.sign = 1 << (self.n - 1)
        self.maxfin = ((self.expmask - 1) << self.fbits) | ((1 << self.fbits) - 1)
        self.inf = self.expmask << self.fbits


S = Fmt(8, 24, 's')
D = Fmt(11, 53, 'd')


def box(v32):
    return 0xFFFFFFFF00000000 | v32


def unbox(reg, f):
    """Value of an f register read as format f (singles must be NaN-boxed)."""
    if f is S:
        if reg >> 32 != 0xFFFFFFFF:
            return S.qnan
        return reg & 0xFFFFFFFF
    return reg


def classify(bits, f):
    s = bits >> (f.n - 1)
    e = (bits >> f.fbits) & f.expmask
    m = bits & ((1 << f.fbits) - 1)
    if e == f.expmask:
        if m == 0:
            return ('inf', s)
        return ('nan', s, (m >> (f.fbits - 1)) == 0)  # third: signalling
    if e == 0:
        return ('num', s, Fr(m, 1) * Fr(2) ** (f.emin - f.fbits))
    return ('num', s, Fr(m | (1 << f.fbits), 1) * Fr(2) ** (e - f.bias - f.fbits))


def isnan(b, f): return classify(b, f)[0] == 'nan'
def issnan(b, f):
    c = classify(b, f)
    return c[0] == 'nan' and c[2]


def ilog2(m):
    """floor(log2(m)) for a positive Fraction."""
    e = m.numerator.bit_length() - m.denominator.bit_length()
    while Fr(2) ** e > m:
        e -= 1
    while Fr(2) ** (e + 1) <= m:
        e += 1
    return e


def round_int(x, sign, rm):
    """Round a nonnegative Fraction magnitude x to an integer; sign of the value."""
    fl = x.numerator // x.denominator
    rem = x - fl
    if rem == 0:
        return fl
    if rm == RTZ:
        return fl
    if rm == RDN:
        return fl + 1 if sign else fl
    if rm == RUP:
        return fl if sign else fl + 1
    half = Fr(1, 2)
    if rem > half:
        return fl + 1
    if rem < half:
        return fl
    if rm == RNE:
        return fl + (fl & 1)
    return fl + 1  # RMM


def encode(sign, r, f):
    """Exactly representable magnitude r (Fraction) -> bits."""
    sb = sign << (f.n - 1)
    if r == 0:
        return sb
    if r < Fr(2) ** f.emin:
        m = r / Fr(2) ** (f.emin - f.fbits)
        assert m.denominator == 1
        return sb | m.numerator
    e = ilog2(r)
    m = r / Fr(2) ** (e - f.fbits)
    assert m.denominator == 1 and (1 << f.fbits) <= m.numerator < (2 << f.fbits)
    return sb | ((e + f.bias) << f.fbits) | (m.numerator - (1 << f.fbits))


def round_float(sign, m, f, rm):
    """Round sign*m (m > 0 Fraction) to format f. Returns (bits, flags)."""
    assert m > 0
    e = ilog2(m)
    # unbounded exponent range, for overflow and tininess
    q = Fr(2) ** (e - f.p + 1)
    r_unb = round_int(m / q, sign, rm) * q
    flags = 0
    if r_unb >= Fr(2) ** (f.emax + 1):
        flags = OF | NX
        to_inf = rm in (RNE, RMM) or (rm == RUP and not sign) or (rm == RDN and sign)
        return (sign << (f.n - 1)) | (f.inf if to_inf else f.maxfin), flags
    tiny = r_unb < Fr(2) ** f.emin
    q = Fr(2) ** (max(e, f.emin) - f.p + 1)
    r = round_int(m / q, sign, rm) * q
    if r != m:
        flags |= NX
        if tiny:
            flags |= UF
    return encode(sign, r, f), flags


def value_result(sign, v, f, rm, exact_zero_sign):
    """Round a signed exact value given as (sign, magnitude); zero uses exact_zero_sign."""
    if v == 0:
        return exact_zero_sign << (f.n - 1), 0
    return round_float(sign, v, f, rm)


def signed(c):
    """('num', s, m) -> signed Fraction."""
    return -c[2] if c[1] else c[2]


def nan_flags(f, *xs):
    return NV if any(issnan(x, f) for x in xs) else 0


def add(a, b, f, rm):
    ca, cb = classify(a, f), classify(b, f)
    if ca[0] == 'nan' or cb[0] == 'nan':
        return f.qnan, nan_flags(f, a, b)
    if ca[0] == 'inf' and cb[0] == 'inf':
        if ca[1] != cb[1]:
            return f.qnan, NV
        return a, 0
    if ca[0] == 'inf':
        return a, 0
    if cb[0] == 'inf':
        return b, 0
    s = signed(ca) + signed(cb)
    if s == 0:
        if ca[2] == 0 and cb[2] == 0 and ca[1] == cb[1]:
            zs = ca[1]
        else:
            zs = 1 if rm == RDN else 0
        return zs << (f.n - 1), 0
    return round_float(1 if s < 0 else 0, abs(s), f, rm)


def sub(a, b, f, rm):
    return add(a, b ^ f.sign, f, rm)


def mul(a, b, f, rm):
    ca, cb = classify(a, f), classify(b, f)
    if ca[0] == 'nan' or cb[0] == 'nan':
        return f.qnan, nan_flags(f, a, b)
    sign = ca[1] ^ cb[1]
    if ca[0] == 'inf' or cb[0] == 'inf':
        other = cb if ca[0] == 'inf' else ca
        if other[0] == 'num' and other[2] == 0:
            return f.qnan, NV
        return (sign << (f.n - 1)) | f.inf, 0
    p = ca[2] * cb[2]
    if p == 0:
        return sign << (f.n - 1), 0
    return round_float(sign, p, f, rm)


def div(a, b, f, rm):
    ca, cb = classify(a, f), classify(b, f)
    if ca[0] == 'nan' or cb[0] == 'nan':
        return f.qnan, nan_flags(f, a, b)
    sign = ca[1] ^ cb[1]
    if ca[0] == 'inf':
        if cb[0] == 'inf':
            return f.qnan, NV
        return (sign << (f.n - 1)) | f.inf, 0
    if cb[0] == 'inf':
        return sign << (f.n - 1), 0
    if cb[2] == 0:
        if ca[2] == 0:
            return f.qnan, NV
        return (sign << (f.n - 1)) | f.inf, DZ
    if ca[2] == 0:
        return sign << (f.n - 1), 0
    return round_float(sign, ca[2] / cb[2], f, rm)


def isqrt(n):
    x = 1 << ((n.bit_length() + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def sqrt(a, f, rm):
    ca = classify(a, f)
    if ca[0] == 'nan':
        return f.qnan, nan_flags(f, a)
    if ca[0] == 'inf':
        if ca[1]:
            return f.qnan, NV
        return a, 0
    if ca[2] == 0:
        return a, 0  # +-0
    if ca[1]:
        return f.qnan, NV
    # sqrt(m) = sqrt(num*den)/den; compute floor(sqrt(m) * 2^K) exactly
    K = 1300
    m = ca[2]
    N = m * Fr(2) ** (2 * K)
    n_int = N.numerator // N.denominator
    import math
    r = math.isqrt(n_int)
    exact = (r * r == n_int) and N.denominator == 1
    v = Fr(r) / Fr(2) ** K
    if not exact:
        v += Fr(1) / Fr(2) ** (K + 1)  # strictly between r and r+1: never a tie
    return round_float(0, v, f, rm)


def fma(a, b, c, f, rm):
    ca, cb, cc = classify(a, f), classify(b, f), classify(c, f)
    inf_zero = (ca[0] == 'inf' and cb[0] == 'num' and cb[2] == 0) or \
               (cb[0] == 'inf' and ca[0] == 'num' and ca[2] == 0)
    if ca[0] == 'nan' or cb[0] == 'nan' or cc[0] == 'nan':
        fl = nan_flags(f, a, b, c)
        if inf_zero:
            fl |= NV
        return f.qnan, fl
    if inf_zero:
        return f.qnan, NV
    psign = ca[1] ^ cb[1]
    if ca[0] == 'inf' or cb[0] == 'inf':
        if cc[0] == 'inf' and cc[1] != psign:
            return f.qnan, NV
        return (psign << (f.n - 1)) | f.inf, 0
    if cc[0] == 'inf':
        return c, 0
    p = ca[2] * cb[2]
    sv = (-p if psign else p) + signed(cc)
    if sv == 0:
        if p == 0 and cc[2] == 0 and psign == cc[1]:
            zs = psign
        else:
            zs = 1 if rm == RDN else 0
        return zs << (f.n - 1), 0
    return round_float(1 if sv < 0 else 0, abs(sv), f, rm)


def fmsub(a, b, c, f, rm): return fma(a, b, c ^ f.sign, f, rm)
def fnmsub(a, b, c, f, rm): return fma(a ^ f.sign, b, c, f, rm)
def fnmadd(a, b, c, f, rm): return fma(a ^ f.sign, b, c ^ f.sign, f, rm)


def sgnj(a, b, f): return (a & ~f.sign) | (b & f.sign)
def sgnjn(a, b, f): return (a & ~f.sign) | (~b & f.sign)
def sgnjx(a, b, f): return a ^ (b & f.sign)


def _lt_total(a, b, f):
    """a < b for non-NaN values, with -0 < +0."""
    ca, cb = classify(a, f), classify(b, f)
    def key(c):
        if c[0] == 'inf':
            return (Fr(-1) if c[1] else Fr(1)) * Fr(2) ** 5000, 0
        v = signed(c)
        return v, (0 if c[1] else 1) if v == 0 else 0
    return key(ca) < key(cb)


def _min_max(a, b, f, pick):
    """FMIN/FMAX: a NaN operand gives the other one (both: the canonical NaN);
    NV for a signalling NaN; otherwise pick(a, b)."""
    fl = nan_flags(f, a, b)
    na, nb = isnan(a, f), isnan(b, f)
    if na and nb:
        return f.qnan, fl
    if na:
        return b, fl
    if nb:
        return a, fl
    return pick(a, b), fl


def fmin(a, b, f):
    return _min_max(a, b, f, lambda a, b: a if _lt_total(a, b, f) or a == b else b)


def fmax(a, b, f):
    return _min_max(a, b, f, lambda a, b: b if _lt_total(a, b, f) else a)


def _cmpval(c):
    if c[0] == 'inf':
        return (Fr(-1) if c[1] else Fr(1)) * Fr(2) ** 5000
    return signed(c)


def feq(a, b, f):
    if isnan(a, f) or isnan(b, f):
        return 0, nan_flags(f, a, b)
    return int(_cmpval(classify(a, f)) == _cmpval(classify(b, f))), 0


def flt(a, b, f):
    if isnan(a, f) or isnan(b, f):
        return 0, NV
    return int(_cmpval(classify(a, f)) < _cmpval(classify(b, f))), 0


def fle(a, b, f):
    if isnan(a, f) or isnan(b, f):
        return 0, NV
    return int(_cmpval(classify(a, f)) <= _cmpval(classify(b, f))), 0


def fclass(a, f):
    c = classify(a, f)
    if c[0] == 'nan':
        return 1 << 8 if c[2] else 1 << 9
    if c[0] == 'inf':
        return 1 << 0 if c[1] else 1 << 7
    e = (a >> f.fbits) & f.expmask
    if c[2] == 0:
        return 1 << 3 if c[1] else 1 << 4
    if e == 0:
        return 1 << 2 if c[1] else 1 << 5
    return 1 << 1 if c[1] else 1 << 6


def sext32(v):
    v &= 0xFFFFFFFF
    return v | 0xFFFFFFFF00000000 if v & 0x80000000 else v


def cvt_to_int(a, f, width, is_signed, rm):
    """FCVT.{W,WU,L,LU}.{S,D}: returns (64-bit x register value, flags)."""
    lo = -(1 << (width - 1)) if is_signed else 0
    hi = (1 << (width - 1)) - 1 if is_signed else (1 << width) - 1
    c = classify(a, f)
    if c[0] == 'nan':
        n, fl = hi, NV
    elif c[0] == 'inf':
        n, fl = (lo if c[1] else hi), NV
    else:
        mag = round_int(c[2], c[1], rm)
        n = -mag if c[1] else mag
        if n < lo:
            n, fl = lo, NV
        elif n > hi:
            n, fl = hi, NV
        else:
            fl = NX if Fr(n) != signed(c) else 0
    n &= (1 << width) - 1
    if width == 32:
        return sext32(n), fl
    return n, fl


def cvt_from_int(x, f, width, is_signed, rm):
    x &= (1 << width) - 1
    if is_signed and x >> (width - 1):
        x -= 1 << width
    if x == 0:
        return 0, 0
    return round_float(1 if x < 0 else 0, Fr(abs(x)), f, rm)


def cvt_f_f(a, fsrc, fdst, rm):
    c = classify(a, fsrc)
    if c[0] == 'nan':
        return fdst.qnan, nan_flags(fsrc, a)
    if c[0] == 'inf':
        return (c[1] << (fdst.n - 1)) | fdst.inf, 0
    if c[2] == 0:
        return c[1] << (fdst.n - 1), 0
    return round_float(c[1], c[2], fdst, rm)


# --- helpers to build bit patterns from values --------------------------------
def bits_of(x, f):
    """Exact value (int/Fraction/str like 'inf', '-inf', '-0') -> bits (must be exact)."""
    if isinstance(x, str):
        neg = x.startswith('-')
        body = x.lstrip('+-')
        sb = f.sign if neg else 0
        if body == 'inf':
            return sb | f.inf
        if body == '0':
            return sb
        if body == 'qnan':
            return sb | f.qnan
        if body == 'snan':
            return sb | f.inf | 1
        if body == 'max':
            return sb | f.maxfin
        if body == 'minnorm':
            return sb | (1 << f.fbits)
        if body == 'minsub':
            return sb | 1
        if body == 'maxsub':
            return sb | ((1 << f.fbits) - 1)
        x = Fr(body) * (-1 if neg else 1)
    x = Fr(x)
    if x == 0:
        return 0
    b, fl = round_float(1 if x < 0 else 0, abs(x), f, RNE)
    assert fl == 0, ('not exact', x)
    return b


if __name__ == '__main__':
    # sanity checks against known IEEE facts
    one = bits_of(1, S)
    assert one == 0x3f800000
    assert bits_of(1, D) == 0x3ff0000000000000
    assert add(one, bits_of(Fr(1, 2**24), S), S, RNE) == (0x3f800000, NX)
    assert add(one, bits_of(Fr(1, 2**24), S), S, RUP) == (0x3f800001, NX)
    assert div(one, 0, S, RNE) == (S.inf, DZ)
    assert sqrt(bits_of(2, D), D, RNE) == (0x3ff6a09e667f3bcd, NX)
    assert sqrt(bits_of(4, S), S, RNE) == (0x40000000, 0)
    assert mul(S.maxfin, bits_of(2, S), S, RTZ) == (S.maxfin, OF | NX)
    assert cvt_to_int(bits_of(Fr(-1, 2), D), D, 32, False, RNE) == (0, NX)
    assert cvt_to_int(bits_of(-1, D), D, 32, False, RNE) == (0, NV)
    assert cvt_to_int(D.qnan, D, 32, True, RNE) == (0x7fffffff, NV)
    assert cvt_to_int(D.qnan, D, 32, False, RNE) == (0xffffffffffffffff, NV)
    # 1/3 in double
    assert div(bits_of(1, D), bits_of(3, D), D, RNE) == (0x3fd5555555555555, NX)
    # smallest subnormal products
    assert mul(1, bits_of(Fr(1, 2), S), S, RNE) == (0, UF | NX)
    assert mul(1, bits_of(Fr(1, 2), S), S, RUP) == (1, UF | NX)
    print('ok')
