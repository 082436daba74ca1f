using System.Globalization;
using System.Text.Json;
using Itinera.Core.Ingestion;

namespace Itinera.Core.Evaluation;

/// <summary>A labelled driving event: what happened between two instants.</summary>
/// <param name="Kind">A <see cref="DrivingEventKinds"/> value.</param>
public sealed record LabelledDrivingEvent(string Kind, DateTimeOffset Start, DateTimeOffset End);

/// <summary>Kinds of driving events in evaluation labels and detections.</summary>
public static class DrivingEventKinds
{
    public const string Accel = "accel";
    public const string Brake = "brake";
    public const string LeftTurn = "left_turn";
    public const string RightTurn = "right_turn";
    public const string LaneChange = "lane_change";
    public const string NonAggressive = "non_aggressive";

    /// <summary>The kinds that count as harsh events (the positives).</summary>
    public static IReadOnlyList<string> Harsh { get; } = [Accel, Brake, LeftTurn, RightTurn];

    /// <summary>The per-type group of a kind: <c>accel</c>, <c>brake</c> or <c>turn</c>; null for other kinds.</summary>
    public static string? TypeOf(string kind) => kind switch
    {
        Accel => "accel",
        Brake => "brake",
        LeftTurn or RightTurn => "turn",
        _ => null,
    };
}

/// <summary>One recorded trip of the phone-IMU harsh-event data set: its IMU and its labels.</summary>
/// <param name="Motion">Earth-frame batches (x east, y north, z up) resampled to 50 Hz; accelerometer with gravity.</param>
public sealed record ImuTrip(string Name, DateTimeOffset Start, IReadOnlyList<MotionBatch> Motion, IReadOnlyList<LabelledDrivingEvent> Labels);

/// <summary>
/// Reads a trip folder of the phone-IMU harsh-event data set (Ferreira et al., PLOS ONE 2017):
/// <c>acelerometro_terra.csv</c> and <c>giroscopio_terra.csv</c> (<c>timestamp,uptimeNanos,x,y,z</c>, earth frame,
/// 50–200 Hz), <c>groundTruth.csv</c> (<c>evento, inicio, fim</c> in seconds since the trip start) and
/// <c>viagem.json</c> (the trip's start time and the uptime of its first sample). Samples are placed at
/// start + (uptime − first uptime) and linearly resampled to 50 Hz; a hole of more than 200 ms in either stream
/// starts a new batch.
/// </summary>
public static class ImuTripDataset
{
    private const double RateHz = 50;
    private const long MaxHoleNanos = 200_000_000;

    /// <summary>Reads the trip in <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">A file of the trip is missing.</exception>
    public static ImuTrip Read(string directory)
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "viagem.json")));
        var start = DateTimeOffset.ParseExact(meta.RootElement.GetProperty("start").GetString()!, "yyyy-MM-dd HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var firstUptime = meta.RootElement.GetProperty("firstCollectionUptimeNanos").GetInt64();
        var accelerometer = ReadSamples(Path.Combine(directory, "acelerometro_terra.csv"));
        var gyroscope = ReadSamples(Path.Combine(directory, "giroscopio_terra.csv"));
        var labels = ReadLabels(Path.Combine(directory, "groundTruth.csv"), start);
        return new ImuTrip(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), start, Resample(accelerometer, gyroscope, start, firstUptime), labels);
    }

    /// <summary>The label file's event names as <see cref="DrivingEventKinds"/>.</summary>
    public static string KindOf(string label) => label.Trim() switch
    {
        "freada_agressiva" => DrivingEventKinds.Brake,
        "aceleracao_agressiva" => DrivingEventKinds.Accel,
        "curva_esquerda_agressiva" => DrivingEventKinds.LeftTurn,
        "curva_direita_agressiva" => DrivingEventKinds.RightTurn,
        var s when s.StartsWith("troca_faixa", StringComparison.Ordinal) => DrivingEventKinds.LaneChange,
        _ => DrivingEventKinds.NonAggressive,
    };

    private static List<LabelledDrivingEvent> ReadLabels(string path, DateTimeOffset start)
    {
        var result = new List<LabelledDrivingEvent>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 3)
            {
                continue;
            }

            var from = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var to = double.Parse(parts[2], CultureInfo.InvariantCulture);
            result.Add(new LabelledDrivingEvent(KindOf(parts[0]), start.AddMilliseconds(from * 1000), start.AddMilliseconds(to * 1000)));
        }

        return result;
    }

    private static List<(long Uptime, double X, double Y, double Z)> ReadSamples(string path)
    {
        var result = new List<(long, double, double, double)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length < 5)
            {
                continue;
            }

            result.Add((long.Parse(parts[1], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture),
                double.Parse(parts[3], CultureInfo.InvariantCulture),
                double.Parse(parts[4], CultureInfo.InvariantCulture)));
        }

        result.Sort(static (a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    private static List<MotionBatch> Resample(
        List<(long Uptime, double X, double Y, double Z)> accelerometer, List<(long Uptime, double X, double Y, double Z)> gyroscope, DateTimeOffset start, long firstUptime)
    {
        var batches = new List<MotionBatch>();
        if (accelerometer.Count < 2 || gyroscope.Count < 2)
        {
            return batches;
        }

        var stepNanos = (long)(1e9 / RateHz);
        var from = Math.Max(accelerometer[0].Uptime, gyroscope[0].Uptime);
        var to = Math.Min(accelerometer[^1].Uptime, gyroscope[^1].Uptime);
        var acc = new List<float>();
        var gyr = new List<float>();
        long batchStart = from;
        int ia = 0, ig = 0;
        for (var t = from; t <= to; t += stepNanos)
        {
            while (ia + 2 < accelerometer.Count && accelerometer[ia + 1].Uptime <= t)
            {
                ia++;
            }

            while (ig + 2 < gyroscope.Count && gyroscope[ig + 1].Uptime <= t)
            {
                ig++;
            }

            var hole = accelerometer[ia + 1].Uptime - accelerometer[ia].Uptime > MaxHoleNanos || gyroscope[ig + 1].Uptime - gyroscope[ig].Uptime > MaxHoleNanos;
            if (hole)
            {
                Flush();
                batchStart = t + stepNanos;
                continue;
            }

            Interpolate(accelerometer, ia, t, acc);
            Interpolate(gyroscope, ig, t, gyr);
        }

        Flush();
        return batches;

        void Flush()
        {
            if (acc.Count >= 6)
            {
                var startMs = start.ToUnixTimeMilliseconds() + (batchStart - firstUptime) / 1_000_000;
                batches.Add(new MotionBatch(startMs, RateHz, MotionFrame.Earth, [.. acc], [.. gyr]));
            }

            acc.Clear();
            gyr.Clear();
        }
    }

    private static void Interpolate(List<(long Uptime, double X, double Y, double Z)> samples, int i, long t, List<float> output)
    {
        var (a, b) = (samples[i], samples[i + 1]);
        var w = b.Uptime == a.Uptime ? 0 : Math.Clamp((t - a.Uptime) / (double)(b.Uptime - a.Uptime), 0, 1);
        output.Add((float)(a.X + (b.X - a.X) * w));
        output.Add((float)(a.Y + (b.Y - a.Y) * w));
        output.Add((float)(a.Z + (b.Z - a.Z) * w));
    }
}
