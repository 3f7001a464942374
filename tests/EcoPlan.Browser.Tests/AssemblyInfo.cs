// Each test class starts its own app (`dotnet run`, demo data) and drives one Chromium: run the classes one at a
// time, so a two-core machine does not start five apps at once while the other test projects run.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
