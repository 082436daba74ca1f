namespace Itinera.Core.Timeline.Detection;

/// <summary>Settings of <see cref="GradientBoostedTrees.Train"/>.</summary>
public sealed record BoostingOptions
{
    public int Rounds { get; init; } = 150;
    public int MaxDepth { get; init; } = 3;
    public double LearningRate { get; init; } = 0.1;
    public int MinSamplesPerLeaf { get; init; } = 8;
    public int Bins { get; init; } = 32;
}

/// <summary>One regression tree in flat arrays: node i splits on <see cref="Feature"/>[i] ≤ <see cref="Threshold"/>[i]
/// (left) or leaf when <see cref="Feature"/>[i] is −1, with value <see cref="Value"/>[i].</summary>
public sealed record RegressionTree(int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Value)
{
    public double Evaluate(ReadOnlySpan<double> x)
    {
        var node = 0;
        while (Feature[node] >= 0)
        {
            node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return Value[node];
    }
}

/// <summary>
/// A multiclass gradient-boosted tree model (Friedman's softmax boosting with small regression trees fitted on
/// histogram bins). Small, dependency-free and deterministic: the same data gives the same model, and the model is
/// plain JSON that can be reviewed and versioned.
/// </summary>
/// <param name="Trees">Per round, one tree per class.</param>
public sealed record GradientBoostedTrees(string[] Classes, string[] FeatureNames, double LearningRate, double[] Prior, RegressionTree[][] Trees)
{
    /// <summary>The most likely class of a feature vector.</summary>
    public string Predict(ReadOnlySpan<double> x)
    {
        Span<double> scores = stackalloc double[Classes.Length];
        Scores(x, scores);
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return Classes[best];
    }

    /// <summary>Raw class scores (log-odds up to a constant).</summary>
    public void Scores(ReadOnlySpan<double> x, Span<double> scores)
    {
        Prior.CopyTo(scores);
        foreach (var round in Trees)
        {
            for (var k = 0; k < round.Length; k++)
            {
                scores[k] += LearningRate * round[k].Evaluate(x);
            }
        }
    }

    /// <summary>Trains on <paramref name="samples"/> (one feature vector each) labelled by index into <paramref name="classes"/>.</summary>
    public static GradientBoostedTrees Train(
        IReadOnlyList<double[]> samples, IReadOnlyList<int> labels, string[] classes, string[] featureNames, BoostingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(featureNames);
        options ??= new BoostingOptions();
        var n = samples.Count;
        var k = classes.Length;
        var d = featureNames.Length;
        if (n == 0 || labels.Count != n)
        {
            throw new ArgumentException("One label per sample, and at least one sample.", nameof(labels));
        }

        // Quantile bin edges per feature; bins[f][i] is sample i's bin.
        var edges = new double[d][];
        var bins = new byte[d][];
        for (var f = 0; f < d; f++)
        {
            var values = samples.Select(s => s[f]).Order().ToArray();
            var cuts = new List<double>();
            for (var b = 1; b < options.Bins; b++)
            {
                var cut = values[(int)((long)b * (n - 1) / options.Bins)];
                if (cuts.Count == 0 || cut > cuts[^1])
                {
                    cuts.Add(cut);
                }
            }

            edges[f] = [.. cuts];
            bins[f] = new byte[n];
            for (var i = 0; i < n; i++)
            {
                var index = Array.BinarySearch(edges[f], samples[i][f]);
                bins[f][i] = (byte)(index >= 0 ? index : ~index);
            }
        }

        var prior = new double[k];
        foreach (var label in labels)
        {
            prior[label]++;
        }

        for (var c = 0; c < k; c++)
        {
            prior[c] = Math.Log((prior[c] + 1) / (n + k));
        }

        var scores = new double[n * k];
        for (var i = 0; i < n; i++)
        {
            prior.CopyTo(scores, i * k);
        }

        var rounds = new List<RegressionTree[]>(options.Rounds);
        var residual = new double[n];
        var hessian = new double[n];
        var probabilities = new double[k];
        for (var round = 0; round < options.Rounds; round++)
        {
            var trees = new RegressionTree[k];
            var gradients = new double[n * k];
            var hessians = new double[n * k];
            for (var i = 0; i < n; i++)
            {
                Softmax(scores.AsSpan(i * k, k), probabilities);
                for (var c = 0; c < k; c++)
                {
                    var p = probabilities[c];
                    gradients[i * k + c] = (labels[i] == c ? 1 : 0) - p;
                    hessians[i * k + c] = Math.Max(p * (1 - p), 1e-6);
                }
            }

            for (var c = 0; c < k; c++)
            {
                for (var i = 0; i < n; i++)
                {
                    residual[i] = gradients[i * k + c];
                    hessian[i] = hessians[i * k + c];
                }

                var tree = TreeBuilder.Build(bins, edges, residual, hessian, options, (k - 1.0) / k);
                trees[c] = tree;
                for (var i = 0; i < n; i++)
                {
                    scores[i * k + c] += options.LearningRate * tree.Evaluate(samples[i]);
                }
            }

            rounds.Add(trees);
        }

        return new GradientBoostedTrees(classes, featureNames, options.LearningRate, prior, [.. rounds]);
    }

    private static void Softmax(ReadOnlySpan<double> scores, double[] output)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        double sum = 0;
        for (var c = 0; c < scores.Length; c++)
        {
            output[c] = Math.Exp(scores[c] - max);
            sum += output[c];
        }

        for (var c = 0; c < scores.Length; c++)
        {
            output[c] /= sum;
        }
    }

    /// <summary>Grows one tree depth-first on binned features (variance reduction on the gradients; Newton leaf values).</summary>
    private sealed class TreeBuilder
    {
        private readonly List<int> _feature = [];
        private readonly List<double> _threshold = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<double> _value = [];
        private readonly byte[][] _bins;
        private readonly double[][] _edges;
        private readonly double[] _gradient;
        private readonly double[] _hessian;
        private readonly BoostingOptions _options;
        private readonly double _scale;

        private TreeBuilder(byte[][] bins, double[][] edges, double[] gradient, double[] hessian, BoostingOptions options, double scale)
        {
            (_bins, _edges, _gradient, _hessian, _options, _scale) = (bins, edges, gradient, hessian, options, scale);
        }

        public static RegressionTree Build(byte[][] bins, double[][] edges, double[] gradient, double[] hessian, BoostingOptions options, double scale)
        {
            var builder = new TreeBuilder(bins, edges, gradient, hessian, options, scale);
            builder.Grow([.. Enumerable.Range(0, gradient.Length)], 0);
            return new RegressionTree([.. builder._feature], [.. builder._threshold], [.. builder._left], [.. builder._right], [.. builder._value]);
        }

        private int Grow(int[] members, int depth)
        {
            var node = _feature.Count;
            _feature.Add(-1);
            _threshold.Add(0);
            _left.Add(-1);
            _right.Add(-1);
            double g = 0, h = 0;
            foreach (var i in members)
            {
                g += _gradient[i];
                h += _hessian[i];
            }

            _value.Add(h > 0 ? _scale * g / h : 0);
            if (depth >= _options.MaxDepth || members.Length < 2 * _options.MinSamplesPerLeaf)
            {
                return node;
            }

            var (feature, bin, gain) = BestSplit(members, g);
            if (feature < 0 || gain <= 1e-12)
            {
                return node;
            }

            var left = members.Where(i => _bins[feature][i] <= bin).ToArray();
            var right = members.Where(i => _bins[feature][i] > bin).ToArray();
            _feature[node] = feature;
            _threshold[node] = _edges[feature][bin];
            _left[node] = Grow(left, depth + 1);
            _right[node] = Grow(right, depth + 1);
            return node;
        }

        private (int Feature, int Bin, double Gain) BestSplit(int[] members, double total)
        {
            var bestFeature = -1;
            var bestBin = 0;
            var bestGain = 0.0;
            var n = members.Length;
            var parent = total * total / n;
            var sums = new double[_options.Bins + 1];
            var counts = new int[_options.Bins + 1];
            for (var f = 0; f < _bins.Length; f++)
            {
                Array.Clear(sums);
                Array.Clear(counts);
                foreach (var i in members)
                {
                    sums[_bins[f][i]] += _gradient[i];
                    counts[_bins[f][i]]++;
                }

                double leftSum = 0;
                var leftCount = 0;
                // A split after bin b sends bins ≤ b left; the last edge index is edges.Length − 1.
                for (var b = 0; b < _edges[f].Length; b++)
                {
                    leftSum += sums[b];
                    leftCount += counts[b];
                    var rightCount = n - leftCount;
                    if (leftCount < _options.MinSamplesPerLeaf || rightCount < _options.MinSamplesPerLeaf)
                    {
                        continue;
                    }

                    var rightSum = total - leftSum;
                    var gain = leftSum * leftSum / leftCount + rightSum * rightSum / rightCount - parent;
                    if (gain > bestGain)
                    {
                        (bestFeature, bestBin, bestGain) = (f, b, gain);
                    }
                }
            }

            return (bestFeature, bestBin, bestGain);
        }
    }
}
