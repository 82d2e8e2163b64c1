using System.Security.Cryptography;
using System.Text;

namespace StreamGen.State;

/// <summary>
/// The shape of an operator's checkpointed state: its fields in declaration order. Snapshots write the
/// values of the fields as a MessagePack array in this order and store the schema beside them, so a
/// restore can map stored fields to current ones by name (fields may be added or removed between runs).
/// </summary>
public sealed class StateSchema
{
    /// <summary>Creates a schema.</summary>
    /// <param name="operatorType">Fully qualified name of the operator class, for messages.</param>
    /// <param name="fields">The state fields in declaration order.</param>
    public StateSchema(string operatorType, IReadOnlyList<StateField> fields)
    {
        OperatorType = operatorType;
        Fields = fields;
        Fingerprint = ComputeFingerprint(fields);
    }

    /// <summary>Fully qualified name of the operator class.</summary>
    public string OperatorType { get; }

    /// <summary>The state fields, in the order their values are written.</summary>
    public IReadOnlyList<StateField> Fields { get; }

    /// <summary>A short hash of field names and types; equal fingerprints mean identical layouts.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// Maps the fields of a <paramref name="stored"/> schema onto this one: element <c>i</c> is the index
    /// in <see cref="Fields"/> of stored field <c>i</c>, or -1 when the field no longer exists.
    /// </summary>
    /// <param name="stored">The schema read from a checkpoint.</param>
    /// <param name="operatorDescription">Names the operator in errors, e.g. <c>"RunningCount (uid 'count')"</c>.</param>
    /// <exception cref="StateSchemaMismatchException">A field kept its name but changed its type.</exception>
    public int[] MapFrom(StateSchema stored, string operatorDescription)
    {
        var map = new int[stored.Fields.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var old = stored.Fields[i];
            map[i] = -1;
            for (var j = 0; j < Fields.Count; j++)
            {
                if (Fields[j].Name != old.Name)
                {
                    continue;
                }

                if (Fields[j].TypeName != old.TypeName)
                {
                    throw new StateSchemaMismatchException(operatorDescription, old.Name, old.TypeName, Fields[j].TypeName, OperatorType);
                }

                map[i] = j;
                break;
            }
        }

        return map;
    }

    private static string ComputeFingerprint(IReadOnlyList<StateField> fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(field.Name).Append(':').Append(field.TypeName).Append(';');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
