import bench from './bench/cases/scoring.bench';
for (let i = 0; i < 20; i++) await bench.run();
