namespace Zordic.Agents.Beat;

/// <summary>
/// One bar of drums on a 16-step grid: a bit per step for each voice (bit 0 = the downbeat). Used for
/// the learned pattern library, the generator's working bars, the embedding and the style classifier.
/// </summary>
public readonly record struct DrumBar(ushort Kick, ushort Snare, ushort ClosedHat, ushort OpenHat, ushort LowTom, ushort MidTom, ushort HighTom, ushort Crash, ushort Ride, ushort Clap = 0, ushort SideStick = 0)
{
    public const int Steps = 16;

    public ushort this[DrumVoice voice] => voice switch
    {
        DrumVoice.Kick => Kick,
        DrumVoice.Snare => Snare,
        DrumVoice.ClosedHat => ClosedHat,
        DrumVoice.OpenHat => OpenHat,
        DrumVoice.LowTom => LowTom,
        DrumVoice.MidTom => MidTom,
        DrumVoice.HighTom => HighTom,
        DrumVoice.Crash => Crash,
        DrumVoice.Ride => Ride,
        DrumVoice.Clap => Clap,
        _ => SideStick,
    };

    public DrumBar With(DrumVoice voice, ushort mask) => voice switch
    {
        DrumVoice.Kick => this with { Kick = mask },
        DrumVoice.Snare => this with { Snare = mask },
        DrumVoice.ClosedHat => this with { ClosedHat = mask },
        DrumVoice.OpenHat => this with { OpenHat = mask },
        DrumVoice.LowTom => this with { LowTom = mask },
        DrumVoice.MidTom => this with { MidTom = mask },
        DrumVoice.HighTom => this with { HighTom = mask },
        DrumVoice.Crash => this with { Crash = mask },
        DrumVoice.Ride => this with { Ride = mask },
        DrumVoice.Clap => this with { Clap = mask },
        _ => this with { SideStick = mask },
    };

    public bool Has(DrumVoice voice, int step) => (this[voice] & (1 << step)) != 0;

    public DrumBar Set(DrumVoice voice, int step, bool on = true) =>
        With(voice, on ? (ushort)(this[voice] | (1 << step)) : (ushort)(this[voice] & ~(1 << step)));

    public int Onsets
    {
        get
        {
            var n = 0;
            for (var v = 0; v < DrumVoices.Count; v++) n += int.PopCount(this[(DrumVoice)v]);
            return n;
        }
    }

    /// <summary>The same bar with clap and side stick folded into the snare, as the Groove classes have it.</summary>
    public DrumBar Learned => new(Kick, (ushort)(Snare | Clap | SideStick), ClosedHat, OpenHat, LowTom, MidTom, HighTom, Crash, Ride);

    /// <summary>Steps where two bars differ, summed over voices (Hamming distance of the grids).</summary>
    public int Distance(DrumBar other)
    {
        var n = 0;
        for (var v = 0; v < DrumVoices.Count; v++) n += int.PopCount(this[(DrumVoice)v] ^ other[(DrumVoice)v]);
        return n;
    }

    /// <summary>The share of the steps played (by any voice) that are odd 16ths.</summary>
    public double Syncopation
    {
        get
        {
            var steps = 0;
            for (var v = 0; v < DrumVoices.Count; v++) steps |= this[(DrumVoice)v];
            return steps == 0 ? 0 : int.PopCount(steps & 0xAAAA) / (double)int.PopCount(steps);
        }
    }

    /// <summary>Any hit on the first step.</summary>
    public bool StartsOnDownbeat
    {
        get
        {
            for (var v = 0; v < DrumVoices.Count; v++) if ((this[(DrumVoice)v] & 1) != 0) return true;
            return false;
        }
    }
}
