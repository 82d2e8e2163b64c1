namespace StreamGen.State;

/// <summary>
/// A checkpoint holds a state field whose type differs from the field's type in the running code.
/// Restoring would misread the bytes, so the restore stops with the operator, field and both types.
/// </summary>
public sealed class StateSchemaMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operatorDescription">The operator as the job graph knows it (name, uid, subtask).</param>
    /// <param name="fieldName">The state field name.</param>
    /// <param name="storedType">The field's type in the checkpoint.</param>
    /// <param name="currentType">The field's type in the running code.</param>
    /// <param name="operatorType">The operator class, named in the message before the description.</param>
    public StateSchemaMismatchException(string operatorDescription, string fieldName, string storedType, string currentType, string? operatorType = null)
        : base($"Cannot restore state of operator {(string.IsNullOrEmpty(operatorType) ? string.Empty : operatorType + " ")}{operatorDescription}: field '{fieldName}' was checkpointed as {storedType} " +
               $"but is now declared as {currentType}. Keep the old type, or give the new field another state name " +
               $"([State(\"newName\")]) so it starts from its initial value.")
    {
        OperatorDescription = operatorDescription;
        OperatorType = operatorType;
        FieldName = fieldName;
        StoredType = storedType;
        CurrentType = currentType;
    }

    /// <summary>The operator whose state could not be restored.</summary>
    public string OperatorDescription { get; }

    /// <summary>The operator class, when known.</summary>
    public string? OperatorType { get; }

    /// <summary>The state field name.</summary>
    public string FieldName { get; }

    /// <summary>The field's type in the checkpoint.</summary>
    public string StoredType { get; }

    /// <summary>The field's type in the running code.</summary>
    public string CurrentType { get; }
}
