using Zordic.Collab.Operations;

namespace Zordic.Collab.Projects;

/// <summary>Thrown where a request cannot go on because one of its operations was refused.</summary>
public sealed class OperationRejectedException(Rejection rejection) : Exception(rejection.Message)
{
    public Rejection Rejection { get; } = rejection;
}
