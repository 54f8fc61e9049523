namespace Zordic.AgentDb;

/// <summary>A request AgentDb refused; nothing was changed.</summary>
public class AgentDbException : Exception
{
    /// <summary>Creates the exception with a message that says what was wrong.</summary>
    public AgentDbException(string message) : base(message) { }

    /// <summary>Creates the exception around its cause.</summary>
    public AgentDbException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates an exception without a message (prefer the other constructors).</summary>
    public AgentDbException() { }
}

/// <summary>A document with the same id already exists in the collection.</summary>
public sealed class DuplicateIdException : AgentDbException
{
    /// <summary>Creates the exception for <paramref name="id"/>.</summary>
    public DuplicateIdException(string collection, string id)
        : base($"collection '{collection}' already holds a document with id '{id}'") => Id = id;

    /// <summary>The id that clashed.</summary>
    public string Id { get; } = "";

    /// <summary>Creates the exception (prefer the other constructor).</summary>
    public DuplicateIdException() { }

    /// <summary>Creates the exception with a message.</summary>
    public DuplicateIdException(string message) : base(message) { }

    /// <summary>Creates the exception around its cause.</summary>
    public DuplicateIdException(string message, Exception inner) : base(message, inner) { }
}
