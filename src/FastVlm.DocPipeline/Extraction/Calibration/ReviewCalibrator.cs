namespace FastVlm.DocPipeline.Extraction.Calibration;

/// <summary>Reliability tables and auto-accept thresholds from reviewers' decisions.</summary>
public static class ReviewCalibrator
{
    public const string AllFields = "*";

    public static CalibrationReport Calibrate(ExtractionSchema schema, IReadOnlyCollection<ReviewedField> reviewed, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(reviewed);
        options ??= new CalibrationOptions();
        options.Validate();
        var fields = schema.Fields
            .Select(field => (field, answers: reviewed.Where(r => r.Field == field.Name).ToList()))
            .Where(pair => pair.answers.Count > 0)
            .Select(pair => Calibrate(pair.field.Name, schema.ReviewThresholdOf(pair.field), pair.answers, options))
            .ToList();
        return new CalibrationReport
        {
            Schema = schema.Name,
            TargetPrecision = options.TargetPrecision,
            MinSupport = options.MinSupport,
            Documents = reviewed.Select(r => r.DocumentId).Distinct(StringComparer.Ordinal).Count(),
            Fields = fields,
            Overall = Calibrate(AllFields, schema.ReviewThreshold, [.. reviewed], options),
        };
    }

    private static FieldCalibration Calibrate(string field, double currentThreshold, List<ReviewedField> answers, CalibrationOptions options)
    {
        var (threshold, precision, autoAccept) = LowestThreshold(answers, options);
        return new FieldCalibration
        {
            Field = field,
            Reviewed = answers.Count,
            Kept = answers.Count(a => a.Kept),
            Reliability = Buckets(answers, options.Buckets),
            CurrentThreshold = currentThreshold,
            Threshold = threshold,
            PrecisionAtThreshold = precision,
            AutoAcceptRate = autoAccept,
        };
    }

    /// <summary>
    /// Walks the answers from the most confident down; every distinct confidence is a candidate threshold, and the
    /// lowest one whose answers at or above it reach the target (with enough support) wins: it auto-accepts the most.
    /// </summary>
    private static (double? Threshold, double? Precision, double? AutoAccept) LowestThreshold(List<ReviewedField> answers, CalibrationOptions options)
    {
        var ordered = answers.OrderByDescending(a => a.Confidence).ToList();
        (double? Threshold, double? Precision, double? AutoAccept) best = (null, null, null);
        var kept = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            kept += ordered[i].Kept ? 1 : 0;
            var count = i + 1;
            var lastOfItsConfidence = i + 1 == ordered.Count || ordered[i + 1].Confidence < ordered[i].Confidence;
            if (lastOfItsConfidence && count >= options.MinSupport && (double)kept / count >= options.TargetPrecision)
            {
                best = (ordered[i].Confidence, (double)kept / count, (double)count / ordered.Count);
            }
        }

        return best;
    }

    private static List<ReliabilityBucket> Buckets(List<ReviewedField> answers, int buckets)
    {
        var result = new List<ReliabilityBucket>(buckets);
        for (var b = 0; b < buckets; b++)
        {
            var from = (double)b / buckets;
            var to = (double)(b + 1) / buckets;
            var inBucket = answers.Where(a => BucketOf(a.Confidence, buckets) == b).ToList();
            result.Add(new ReliabilityBucket(from, to, inBucket.Count, inBucket.Count(a => a.Kept), inBucket.Count == 0 ? null : inBucket.Average(a => a.Confidence)));
        }

        return result;
    }

    private static int BucketOf(double confidence, int buckets) => Math.Clamp((int)Math.Floor(confidence * buckets), 0, buckets - 1);
}
