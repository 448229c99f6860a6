namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>Stable codes of the warnings calibration prints about the records it reads.</summary>
public static class CalibrationWarningCodes
{
    /// <summary>A reviewer saved a value that cannot be read as the field's type; the field counts as changed. Correct the value in review to make it count as what it means.</summary>
    public const string ReviewValueUnreadable = "review.value_unreadable";
}
