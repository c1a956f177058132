package checkpoint

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/tinylib/msgp/msgp"

	"delaylab/chip"
)

// msgType is what msgp generates for every type of file.go.
type msgType interface {
	msgp.Marshaler
	msgp.Unmarshaler
	msgp.Encodable
	msgp.Decodable
	msgp.Sizer
}

// populatedTypes has one value of every serialised type, each filled by
// ckFill so that no field is zero.
func populatedTypes() map[string]msgType {
	return map[string]msgType{
		"File": new(File), "Meta": new(Meta), "Config": new(Config), "Neuron": new(Neuron),
		"Loss": new(Loss), "Normal": new(Normal), "DelayParam": new(DelayParam), "Model": new(Model),
		"Layer": new(Layer), "TrainState": new(TrainState), "EpochSums": new(EpochSums), "Adam": new(Adam),
		"Data": new(Data), "Point": new(Point), "ChipState": new(ChipState), "ChipConfig": new(ChipConfig),
		"Epoch": new(Epoch),
	}
}

// ckFill sets every field reachable from v to a non-zero value derived
// from *seq: slices get two or three elements, pointers are allocated.
func ckFill(v reflect.Value, seq *int) {
	*seq++
	n := *seq
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		ckFill(v.Elem(), seq)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2000+n, 3, 4, 5, 6, 7, 8000*n, time.UTC)))
			return
		}
		for i := range v.NumField() {
			ckFill(v.Field(i), seq)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2+n%2, 2+n%2)
		for i := range s.Len() {
			ckFill(s.Index(i), seq)
		}
		v.Set(s)
	case reflect.String:
		v.SetString("s" + string(rune('a'+n%26)) + "é")
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(n * 7919))
	case reflect.Uint64, reflect.Uint8:
		v.SetUint(uint64(n)*0x9e3779b9 + uint64(n))
		if v.Kind() == reflect.Uint8 {
			v.SetUint(uint64(n%250 + 1))
		}
	case reflect.Float64:
		v.SetFloat(math.Sqrt(float64(n)) * -1e-3 * float64(n))
	case reflect.Bool:
		v.SetBool(true)
	default:
		panic("ckFill: unhandled kind " + v.Kind().String())
	}
}

// ckZeroField returns the path of a zero field within v, or "".
func ckZeroField(v reflect.Value, path string) string {
	if v.IsZero() {
		return path
	}
	switch v.Kind() {
	case reflect.Pointer:
		return ckZeroField(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return ""
		}
		for i := range v.NumField() {
			if p := ckZeroField(v.Field(i), path+"."+v.Type().Field(i).Name); p != "" {
				return p
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			if p := ckZeroField(v.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	}
	return ""
}

// TestPopulatedRoundTrip round-trips every type with every field set,
// through both the []byte and the stream code (msgp's generated tests try
// only zero values).
func TestPopulatedRoundTrip(t *testing.T) {
	for name, v := range populatedTypes() {
		seq := 0
		ckFill(reflect.ValueOf(v).Elem(), &seq)
		if p := ckZeroField(reflect.ValueOf(v), name); p != "" {
			t.Fatalf("%s: ckFill left %s zero", name, p)
		}
		b, err := v.MarshalMsg(nil)
		if err != nil {
			t.Fatalf("%s: MarshalMsg: %v", name, err)
		}
		if len(b) > v.Msgsize() {
			t.Errorf("%s: Msgsize %d < encoded %d bytes", name, v.Msgsize(), len(b))
		}
		got := reflect.New(reflect.TypeOf(v).Elem()).Interface().(msgType)
		rest, err := got.UnmarshalMsg(b)
		if err != nil || len(rest) != 0 {
			t.Fatalf("%s: UnmarshalMsg: %v, %d bytes left", name, err, len(rest))
		}
		if !reflect.DeepEqual(got, v) {
			t.Errorf("%s: []byte round trip:\n got %+v\nwant %+v", name, got, v)
		}

		var buf bytes.Buffer
		if err := msgp.Encode(&buf, v); err != nil {
			t.Fatalf("%s: EncodeMsg: %v", name, err)
		}
		if !bytes.Equal(buf.Bytes(), b) {
			t.Errorf("%s: EncodeMsg and MarshalMsg differ", name)
		}
		got = reflect.New(reflect.TypeOf(v).Elem()).Interface().(msgType)
		if err := msgp.Decode(&buf, got); err != nil {
			t.Fatalf("%s: DecodeMsg: %v", name, err)
		}
		if !reflect.DeepEqual(got, v) {
			t.Errorf("%s: stream round trip:\n got %+v\nwant %+v", name, got, v)
		}
	}
}

// TestPopulatedTypesComplete: every type declared in file.go is in
// populatedTypes.
func TestPopulatedTypesComplete(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "file.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	have := populatedTypes()
	var declared []string
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, s := range g.Specs {
				name := s.(*ast.TypeSpec).Name.Name
				declared = append(declared, name)
				if have[name] == nil {
					t.Errorf("type %s of file.go has no populated round trip", name)
				}
			}
		}
	}
	if len(declared) != len(have) {
		slices.Sort(declared)
		t.Errorf("file.go declares %v; populatedTypes has %d", declared, len(have))
	}
}

// TestChipConfigMirror: ChipConfig carries every field of chip.Config (a
// field added there and not here fails this test).
func TestChipConfigMirror(t *testing.T) {
	var want chip.Config
	seq := 0
	ckFill(reflect.ValueOf(&want).Elem(), &seq)
	if p := ckZeroField(reflect.ValueOf(want), "chip.Config"); p != "" {
		t.Fatalf("ckFill left %s zero", p)
	}
	s := NewChipState("chip", want, 99)
	b, err := s.MarshalMsg(nil)
	if err != nil {
		t.Fatal(err)
	}
	var back ChipState
	if _, err := back.UnmarshalMsg(b); err != nil {
		t.Fatal(err)
	}
	if got := back.ChipConfig(); got != want {
		t.Errorf("chip.Config round trip:\n got %+v\nwant %+v", got, want)
	}
	if back.Seed != 99 || back.Substrate != "chip" {
		t.Errorf("seed %d substrate %q", back.Seed, back.Substrate)
	}
}

// TestLimitDirective: the arrays limit of file.go is maxArray.
func TestLimitDirective(t *testing.T) {
	b, err := os.ReadFile("file.go")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("\n//msgp:limit arrays:%d ", maxArray)
	if !bytes.Contains(b, []byte(want)) {
		t.Errorf("file.go lacks %q", want)
	}
}
