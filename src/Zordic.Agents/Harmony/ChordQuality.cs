namespace Zordic.Agents.Harmony;

/// <summary>The triad under a chord: what the harmonizer predicts and what the evaluation compares.</summary>
public enum ChordQuality { Major, Minor, Diminished, Augmented }

/// <summary>What sits on top of the triad: the symbol's 7th, 9th or sus.</summary>
public enum ChordExtension { None, Seventh, MajorSeventh, MinorSeventh, Ninth, MajorNinth, MinorNinth, HalfDiminished, Sus4, Sixth }
