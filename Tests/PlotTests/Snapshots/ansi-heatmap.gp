# rlnb figure: 1 panel(s)
unset multiplot
reset
set terminal dumb size 80,24 nofeed noenhanced ansi
set output
$rlnb_1 << EOD
0 1 2 3 4
5 6 7 8 9
10 11 12 13 14
15 16 17 18 19
EOD
set title "Attention"
unset key
set cblabel "attention"
set xrange [-0.5:4.5]
set yrange [3.5:-0.5]
plot $rlnb_1 matrix with image notitle
set output
undefine $rlnb_1
