namespace Zordic.Collab.Projects;

/// <summary>
/// Thrown by <see cref="IProjectStore.AppendAsync"/> when an op's id is in the log already (the log's
/// unique index): the append did nothing. The catalog then finds which ops reuse an id and refuses them.
/// </summary>
public sealed class DuplicateOperationIdException(Exception inner)
    : Exception("an op id of the batch is in the op log already", inner);
