namespace Zordic.AgentDb.Filters;

/// <summary>A filter that is not valid JSON or uses an unknown operator or a wrong operand type.</summary>
public sealed class FilterException : AgentDbException
{
    /// <summary>Creates the exception with a message naming the offending part.</summary>
    public FilterException(string message) : base(message) { }

    /// <summary>Creates the exception around its cause.</summary>
    public FilterException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the exception without a message (prefer the other constructors).</summary>
    public FilterException() { }
}
