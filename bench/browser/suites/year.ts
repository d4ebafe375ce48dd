import { yearFigures } from '../../shared/yearBench';

export default {
  title: '考核年度（300家单位）in Chromium',
  run: yearFigures,
};
