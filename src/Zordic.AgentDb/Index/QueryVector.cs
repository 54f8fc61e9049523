namespace Zordic.AgentDb.Index;

/// <summary>A query prepared once for a collection: unit length for cosine, plus i8 codes when quantized.</summary>
internal sealed class QueryVector
{
    public QueryVector(float[] values, Quantization quantization)
    {
        Values = values;
        SquaredNorm = VectorKernels.Dot(values, values);
        if (quantization == Quantization.I8)
        {
            Codes = new sbyte[values.Length];
            Scale = VectorKernels.QuantizeI8(values, Codes);
        }
        else
        {
            Codes = [];
        }
    }

    public float[] Values { get; }

    public sbyte[] Codes { get; }

    public float Scale { get; }

    public float SquaredNorm { get; }
}
