package chip

import "math"

// DelayTicks is the refractory setting of a delay element asked for the
// model delay d (τ): round((d·TauMicros − DelayOffset)/DelayTick), clipped
// to [DelayTickMin, DelayTickMax] (§9). It is −1 with the delay grid off.
func (c Config) DelayTicks(d float64) int {
	if c.DelayTick == 0 {
		return -1
	}
	t := math.RoundToEven((d*c.TauMicros - c.DelayOffset) / c.DelayTick)
	return int(math.Max(float64(c.DelayTickMin), math.Min(float64(c.DelayTickMax), t)))
}

// ElementDelay is the delay (τ) an element whose offset is off by
// offsetErr µs realises when asked for the model delay d (τ):
// (DelayOffset + offsetErr + DelayTicks(d)·DelayTick)/TauMicros, never
// negative. With the delay grid off it is d + offsetErr/TauMicros, which is
// d itself for a perfect element.
func (c Config) ElementDelay(d, offsetErr float64) float64 {
	if c.DelayTick == 0 {
		return math.Max(0, d+offsetErr/c.TauMicros)
	}
	us := c.DelayOffset + offsetErr + float64(c.DelayTicks(d))*c.DelayTick
	return math.Max(0, us/c.TauMicros)
}
