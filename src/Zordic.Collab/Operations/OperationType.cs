namespace Zordic.Collab.Operations;

/// <summary>The three kinds of change of the seed's <c>CollaborativeOperation</c>.</summary>
public enum OperationType { Insert, Delete, Update }
