namespace StreamGen.State;

/// <summary>
/// A checkpoint holds a state field whose type differs from the field's type in the running code.
/// Restoring would misread the bytes, so the restore stops with the operator, field and both types.
/// </summary>
public sealed class StateSchemaMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StateSchemaMismatchException(string operatorDescription, string fieldName, string storedType, string currentType)
        : base($"Cannot restore state of operator {operatorDescription}: field '{fieldName}' was checkpointed as {storedType} " +
               $"but is now declared as {currentType}. Keep the old type, or give the new field another state name " +
               $"([State(\"newName\")]) so it starts from its initial value.")
    {
        OperatorDescription = operatorDescription;
        FieldName = fieldName;
        StoredType = storedType;
        CurrentType = currentType;
    }

    /// <summary>The operator whose state could not be restored.</summary>
    public string OperatorDescription { get; }

    /// <summary>The state field name.</summary>
    public string FieldName { get; }

    /// <summary>The field's type in the checkpoint.</summary>
    public string StoredType { get; }

    /// <summary>The field's type in the running code.</summary>
    public string CurrentType { get; }
}
