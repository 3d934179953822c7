# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced mono
set output
$rlnb_1 << EOD
1.3333333333333333 8
4 7
6.666666666666666 4
9.333333333333332 7
12 7
14.666666666666666 7
EOD
set key top right opaque
set yrange [0:*]
plot $rlnb_1 using 1:2:(2.6666666666666665) with boxes lt 1 fs solid 0.5 title "advantage"
set output
undefine $rlnb_1
