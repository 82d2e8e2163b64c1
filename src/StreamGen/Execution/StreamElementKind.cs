namespace StreamGen.Execution;

/// <summary>What a channel element carries. Barriers and end-of-input travel in-band with records.</summary>
internal enum StreamElementKind : byte
{
    Records,
    Barrier,
    EndOfInput,
}
