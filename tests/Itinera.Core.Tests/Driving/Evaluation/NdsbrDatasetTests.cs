using Itinera.Core.Driving.Detection;
using Itinera.Core.Evaluation;

namespace Itinera.Core.Tests.Driving.Evaluation;

public sealed class NdsbrDatasetTests
{
    private const string Header = "DRIVER;LONG;LAT;DAY;DAY_CORRIGIDO;03:00:00;TRIP;ID;PR;SPD_KMH;HEADING;LIMITE_VEL";

    [Fact]
    public void Rows_BecomeTripsOfFixesWithTheirLimits()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                Header,
                "A;-49,23446;-25,451837;26/8/2019;26/8/2019;22:17:27;5;A05;19:17:27;36;90;40",
                "A;-49,23446;-25,451837;26/8/2019;26/8/2019;22:17:27;5;A05;19:17:27;99;90;40", // repeated second: dropped
                "A;-49,23447;-25,451837;26/8/2019;26/8/2019;22:17:28;5;A05;19:17:28;54,5;91,5;NPI",
                "A;-49,23448;-25,451837;26/8/2019;26/8/2019;22:17:29;5;A05;19:17:29;54;92;50",
                "A;-49,3;-25,4;27/8/2019;27/8/2019;10:00:00;6;A06;7:00:00;10;0;30",
            ]);

            var trips = NdsbrDataset.Read(path);

            Assert.Equal(["A05", "A06"], trips.Select(t => t.Id));
            var first = trips[0];
            Assert.Equal(3, first.Fixes.Count);
            Assert.Equal(new DateTimeOffset(2019, 8, 26, 22, 17, 27, TimeSpan.Zero).ToUnixTimeMilliseconds(), first.Fixes[0].TimestampMs);
            Assert.Equal(-49.23446, first.Fixes[0].Longitude, 6);
            Assert.Equal(-25.451837, first.Fixes[0].Latitude, 6);
            Assert.Equal(10, first.Fixes[0].SpeedMetersPerSecond!.Value, 6);
            Assert.Equal(91.5, first.Fixes[1].BearingDegrees!.Value, 6);
            Assert.Equal([40, null, 50], first.SpeedLimitsKmh);

            // Fix 0 (36 km/h ≤ 40) counts 1 s of driving; fix 1 has no limit; fix 2 is the last (no next fix).
            Assert.Equal((1.0, 0.0), NdsbrDataset.DirectSeconds(first, SpeedingOptions.Default));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
