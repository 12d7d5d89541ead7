package softfloat
import ("testing";"math")
func TestQuick(t *testing.T){
	r, f := Add64(math.Float64bits(1.5), math.Float64bits(2.25), RNE)
	t.Logf("%v %v", math.Float64frombits(r), f)
	r, f = Div64(math.Float64bits(1), math.Float64bits(3), RNE)
	t.Logf("%v %v", math.Float64frombits(r), f)
	r, f = Sqrt64(math.Float64bits(2), RNE)
	t.Logf("%v %v %v", math.Float64frombits(r), f, math.Sqrt(2))
	r, f = Mul64(math.Float64bits(1e300), math.Float64bits(1e300), RNE)
	t.Logf("%v %v", math.Float64frombits(r), f)
	r, f = MulAdd64(math.Float64bits(0.1), math.Float64bits(10), math.Float64bits(-1), RNE)
	t.Logf("%v %v %v", math.Float64frombits(r), f, math.FMA(0.1,10,-1))
	r32, f := Sqrt32(math.Float32bits(2), RNE)
	t.Logf("%v %v", math.Float32frombits(r32), f)
	i, f := F64ToI32(math.Float64bits(-2.5), RNE); t.Log(i,f)
	u, f := U64ToF64(math.MaxUint64, RNE); t.Log(math.Float64frombits(u), f)
}
