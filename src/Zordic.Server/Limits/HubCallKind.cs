namespace Zordic.Server.Limits;

/// <summary>The kinds of hub call that share a budget.</summary>
public enum HubCallKind { Ops, Join, Awareness, Transport, Undo, Agents }
