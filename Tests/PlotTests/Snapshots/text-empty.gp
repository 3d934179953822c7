# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced mono
set output
set key top right opaque
set xrange [0:1]
set yrange [0:1]
plot NaN notitle
set output
