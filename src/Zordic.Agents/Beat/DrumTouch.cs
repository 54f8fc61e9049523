namespace Zordic.Agents.Beat;

/// <summary>
/// How one drum hit is played: its velocity and its offset from the grid (ticks), each as a centre and a
/// deviation that <see cref="DrumHumanizer"/> scales to the bar's feel (zero when there is none to scale).
/// </summary>
internal readonly record struct DrumTouch(double Velocity, double VelocityDeviation, double Timing, double TimingDeviation);
