namespace Zordic.Agents.Prompting;

/// <summary>A prompt the agents cannot act on; the message says why and how to fix it.</summary>
public sealed class PromptException(string message) : Exception(message);
